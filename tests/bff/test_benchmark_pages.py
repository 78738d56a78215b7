"""跨县对标 pages: the province's league table (fair ranks, 样本不足, Excel), publishing, a county
profile, and a county's own page with its peers anonymised."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from openpyxl import load_workbook

from onewindow.platform.accounts.roles import Role
from onewindow.platform.benchmarks.models import DailyFact, Publication
from onewindow.platform.counties.models import County
from tests.bff.helpers import get, logged_in, post

pytestmark = pytest.mark.django_db
WEEK = dt.date(2026, 11, 16)
Q = "metric=on_time_rate&period=week&day=2026-11-18"


@pytest.fixture
def zhejiang(wenling):  # type: ignore[no-untyped-def]
    from onewindow.platform.onboarding.services import onboard_now

    assert onboard_now("331082", "临海市", "浙江省", preset="wenling", actor="tests").status == "ready"
    linhai = County.objects.get(code="331082")
    connection.set_schema_to_public()
    for county, decided, on_time in ((wenling, 1000, 900), (linhai, 40, 40)):
        DailyFact.objects.bulk_create(
            [
                DailyFact(county=county, day=WEEK, fact=f, key="", value=Decimal(v))
                for f, v in (("received", decided), ("decided", decided), ("decided_on_time", on_time))
            ]
        )
    # four more counties of 浙江, as public rows with facts: enough peers to show them anonymised
    for i in range(4):
        other = County.objects.create(
            schema_name=f"county_33990{i}", code=f"33990{i}", name=f"测试县{i}", province="浙江省"
        )
        DailyFact.objects.create(county=other, day=WEEK, fact="decided", key="", value=Decimal(50 + i))
        DailyFact.objects.create(county=other, day=WEEK, fact="decided_on_time", key="", value=Decimal(40))
    return wenling, linhai


def test_the_province_reads_the_league_table_and_exports_it(zhejiang) -> None:  # type: ignore[no-untyped-def]
    operator = logged_in(None, Role.PROVINCIAL_OPERATOR)
    page = get(operator, f"/benchmarks/?{Q}&province=浙江省").content.decode()
    assert "按时办结率 · 2026年第47周" in page and "Wilson" in page
    linhai = page.split('data-county="331082"')[1].split("</tr>")[0]
    wenling = page.split('data-county="331081"')[1].split("</tr>")[0]
    assert "<td>1</td>" in linhai and "100.0%" in linhai and "91.2–100.0%" in linhai
    assert "<td>2</td>" in wenling and "90.0%" in wenling  # 测试县 0–3 (80%) rank below
    sheet = load_workbook(
        io.BytesIO(get(operator, f"/benchmarks/?{Q}&province=浙江省&format=xlsx").content)
    ).active
    assert "按时办结率" in str(sheet["A1"].value)
    assert [c.value for c in sheet[3]][:3] == ["名次", "县", "指标值"] and sheet["B4"].value == "临海市"
    profile = get(operator, "/benchmarks/counties/331081/?period=week&day=2026-11-18").content.decode()
    assert (
        "全省中位数" in profile and 'data-metric="on_time_rate"' in profile and "第 2 名 / 共 6 个" in profile
    )


def test_a_county_sees_its_row_and_ranks_until_the_province_publishes(zhejiang) -> None:  # type: ignore[no-untyped-def]
    wenling, _ = zhejiang
    admin = logged_in(wenling, Role.COUNTY_ADMIN)
    mine = get(admin, f"/c/331081/benchmarks/?{Q}").content.decode()
    assert (
        "温岭市" in mine
        and "第1名" in mine
        and "临海" not in mine
        and "测试县" not in mine
        and "本县" in mine
    )
    operator = logged_in(None, Role.PROVINCIAL_OPERATOR)
    done = post(operator, "/benchmarks/publish", {"period": "week", "day": "2026-11-16", "published": "1"})
    assert done.status_code == 302 and Publication.objects.filter(period="week", starts_on=WEEK).exists()
    assert "临海市" in get(admin, f"/c/331081/benchmarks/?{Q}").content.decode()
    clerk = logged_in(wenling, Role.INTAKE_CLERK)
    assert get(clerk, f"/c/331081/benchmarks/?{Q}").status_code == 403
    assert get(admin, f"/benchmarks/?{Q}").status_code == 403  # no province page for a county
