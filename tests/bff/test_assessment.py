"""考核 pages: open a period, record an incident with an evidence file, close with posting,
the ranking's scores leading to their incidents, objections decided, the 通报 as Excel, and
who may see what (a clerk nothing, another county's officer nothing, its files neither)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from openpyxl import load_workbook

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from onewindow.tenants.scoring.models import Incident, Objection, Period
from tests.bff.helpers import get, logged_in, post

pytestmark = pytest.mark.django_db
WS = "/c/150626/assessment"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def _open_quarter(officer: Any) -> str:
    done = post(officer, f"{WS}/open", {"ruleSet": "qiye-zhuanqu", "day": "2026-03-15"})
    assert done.status_code == 302, done.content.decode()[:2000]
    return str(done["Location"])


def _record(officer: Any, **fields: Any) -> Any:
    data = {
        "ruleSet": "qiye-zhuanqu",
        "rule": "R3",
        "subject": "swj",
        "occurredOn": "2026-03-10",
        "note": "指引群众去后台私自接件",
        **fields,
    }
    return post(officer, f"{WS}/incidents/record", data)


def test_an_officer_records_closes_posts_decides_and_downloads_the_bulletin(wushen, media) -> None:  # type: ignore[no-untyped-def]
    officer = logged_in(wushen, Role.CENTRE_MANAGER)
    with clock.frozen_at("2026-04-01 09:00"):
        page = get(officer, f"{WS}/").content.decode()
        assert "考核周期" in page and "服务企业专区进驻部门绩效考核" in page and "扣分记录" in page
        period_url = _open_quarter(officer)
        assert "2026-01-01 至 2026-03-31" in get(officer, period_url).content.decode()
        photo = SimpleUploadedFile("现场照片.pdf", PDF, content_type="application/pdf")
        done = _record(officer, files=[photo])
        assert done.status_code == 302, done.content.decode()[:2000]

        incident = Incident.objects.get(rule="R3", subject="swj")
        entry = incident.evidence[0]
        assert entry["name"] == "现场照片.pdf" and entry["size"] == len(PDF)
        assert entry["path"].startswith(f"{connection.schema_name}/evidence/2026/")
        stored = media / entry["path"]
        assert stored.read_bytes() == PDF and "现场照片" not in stored.name  # our name on disk

        listing = get(officer, done["Location"]).content.decode()
        assert "现场照片.pdf" in listing and "指引群众去后台私自接件" in listing
        link = re.search(r'href="([^"]*/assessment/evidence/[^"]+)"', listing).group(1)  # type: ignore[union-attr]
        fetched = get(officer, link)
        assert fetched.status_code == 200 and fetched.content == PDF
        assert fetched["Content-Type"] == "application/pdf" and "attachment" in fetched["Content-Disposition"]

        # 000 附件3 第8项: 人员管理 needs the staff assessment; the page says who lacks it, closing refuses
        page = get(officer, period_url).content.decode()
        assert "6 个考核对象尚缺测量值" in page and "国家税务总局乌审旗税务局：人员管理" in page
        assert 'id="mode-final"' not in page and "本细则规定排名公示不少于 3 个工作日" in page  # 附件3 四(二)
        refused = post(officer, f"{period_url}close", {"postDays": "3"})
        assert refused.status_code == 400 and "INPUT_MISSING" in refused.content.decode()
        for code in ("zwfw", "scjg", "zjj", "rsj", "ybj", "swj"):
            assert _record(officer, rule="rygl", subject=code, count="100", note="").status_code == 302
        assert "尚缺测量值" not in get(officer, period_url).content.decode()
        short = post(officer, f"{period_url}close", {"postDays": "1"})
        assert short.status_code == 400 and "POSTING_TOO_SHORT" in short.content.decode()
        assert "不少于 3 个工作日" in short.content.decode()
        closed = post(officer, f"{period_url}close", {"postDays": "3"})
        assert closed.status_code == 302
        page = get(officer, period_url).content.decode()
        assert "公示至 2026-04-07" in page and "已结算并公示" in page
        # the 工作实效 score of 税务局 is a link to the incidents behind it
        score = re.search(r'href="([^"]*subject=swj&category=gzsx)"[^>]*>35.00<', page)
        assert score is not None
        behind = get(officer, score.group(1)).content.decode()
        assert "R3" in behind and "指引群众去后台私自接件" in behind

        book = load_workbook(io.BytesIO(get(officer, f"{period_url}ranking.xlsx").content))
        sheet = book.active
        assert sheet["A1"].value == "乌审旗服务企业专区进驻部门绩效考核 2026年第1季度考评排名通报"
        today = timezone.localdate()
        assert f"通报日期：{today.year}年{today.month}月{today.day}日" in sheet["A2"].value
        assert "公示至 2026年4月7日" in sheet["A2"].value
        headers = [c.value for c in sheet[3]]
        assert headers[:3] == ["名次", "考核对象", "工作实效和服务质量（40分）"] and headers[-1] == "总分"
        rows = list(sheet.iter_rows(min_row=4, values_only=True))
        assert rows[-1][1] == "国家税务总局乌审旗税务局" and rows[-1][2] == 35.0 and rows[-1][-1] == 95.0
        assert rows[0][0] == 1 and len(rows) == 6  # 附件3 二's six departments
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows == "$3:$3"
        assert sheet.column_dimensions["B"].width == 24
        cell = sheet.cell(row=4, column=2)
        assert cell.alignment.wrap_text and cell.border.left.style == "thin"
        assert sheet.cell(row=4, column=3).number_format == "0.00"

    with clock.frozen_at("2026-04-02 10:00"):
        objection = post(officer, f"{period_url}object", {"subject": "swj", "text": "该人员非本局派驻"})
        assert objection.status_code == 302
        filed = Objection.objects.get(subject="swj")
        from graphql_relay import to_global_id

        oid = to_global_id("Objection", filed.pk)
        blank = post(officer, f"{period_url}decide", {"objection": oid, "upheld": "0", "decision": " "})
        assert blank.status_code == 400 and "REQUIRED" in blank.content.decode()
        filed.refresh_from_db()
        assert filed.decided_at is None
        early = post(officer, f"{period_url}finalize", {})
        assert early.status_code == 400 and "STILL_POSTED" in early.content.decode()
        upheld = post(
            officer,
            f"{period_url}decide",
            {
                "objection": oid,
                "upheld": "1",
                "decision": "核实成立",
                "withdraw": [to_global_id("Incident", incident.pk)],
            },
        )
        assert upheld.status_code == 302
        page = get(officer, period_url).content.decode()
        assert "成立" in page and "核实成立" in page
        incident.refresh_from_db()
        assert incident.withdrawn_at is not None  # withdrawn, never deleted
        still = post(officer, f"{period_url}finalize", {})
        assert still.status_code == 400 and "STILL_POSTED" in still.content.decode()
    with clock.frozen_at("2026-04-08 09:00"):
        assert post(officer, f"{period_url}finalize", {}).status_code == 302
        assert Period.objects.get().status == "final"
        assert "已定稿" in get(officer, period_url).content.decode()


def test_bad_input_shows_the_error_and_records_nothing(wushen, media) -> None:  # type: ignore[no-untyped-def]
    officer = logged_in(wushen, Role.SUPERVISOR)
    with clock.frozen_at("2026-04-01 09:00"):
        period_url = _open_quarter(officer)
        script = SimpleUploadedFile("证据.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
        refused = _record(officer, files=[script])
        page = refused.content.decode()
        assert refused.status_code == 400 and "FILE_TYPE_NOT_ALLOWED" in page and "证据.pdf" in page
        assert 'id="record-dialog" open' in page and "指引群众去后台私自接件" in page  # the form kept
        big = SimpleUploadedFile("大文件.pdf", PDF + b"0" * (5 * 1024 * 1024), content_type="application/pdf")
        too_big = _record(officer, files=[big])
        assert too_big.status_code == 400 and "FILE_TOO_LARGE" in too_big.content.decode()
        many = [SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(6)]
        assert "TOO_MANY_FILES" in _record(officer, files=many).content.decode()
        good_file = SimpleUploadedFile("ok.pdf", PDF)
        unknown = _record(officer, rule="R99", files=[good_file])
        assert unknown.status_code == 400 and "UNKNOWN_RULE" in unknown.content.decode()
        assert "INVALID_VALUE" in _record(officer, count="-2").content.decode()
        assert not Incident.objects.exists() and _files(media) == []

        bad_days = post(officer, f"{period_url}close", {"postDays": "99"})
        no_days = post(officer, f"{period_url}close", {"mode": "post", "postDays": ""})
        assert no_days.status_code == 400 and "请填写公示天数" in no_days.content.decode()
        assert bad_days.status_code == 400 and "INVALID_VALUE" in bad_days.content.decode()
        assert Period.objects.get().status == "open"
        bad_day = post(officer, f"{WS}/open", {"ruleSet": "qiye-zhuanqu", "day": "not-a-day"})
        assert bad_day.status_code == 400 and Period.objects.count() == 1


def test_an_unassessed_department_is_shown_unranked_where_the_county_chose_it(wushen, media) -> None:  # type: ignore[no-untyped-def]
    import yaml

    from onewindow.tenants.policy.services import apply_text, export_yaml

    connection.set_tenant(wushen)
    data = yaml.safe_load(export_yaml())
    data["rule_sets"][0]["missing_input"] = "unranked"
    apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")
    officer = logged_in(wushen, Role.CENTRE_MANAGER)
    with clock.frozen_at("2026-04-01 09:00"):
        period_url = _open_quarter(officer)
        assert _record(officer, rule="rygl", subject="swj", count="90", note="").status_code == 302
        assert (
            "5 个考核对象尚缺测量值</strong>，结算时不参与排名" in get(officer, period_url).content.decode()
        )
        assert post(officer, f"{period_url}close", {"postDays": "3"}).status_code == 302
        page = get(officer, period_url).content.decode()
    ranking = page[page.index('id="ranking"') :]
    assert ranking.count("未排名") == 5 and ranking.count("不完整：缺人员管理") == 5
    assert ranking.index("国家税务总局乌审旗税务局") < ranking.index("未排名")  # the ranked one first


def _incident_with_file(wushen: Any) -> Incident:  # type: ignore[no-untyped-def]
    officer = logged_in(wushen, Role.CENTRE_MANAGER, username="ws-officer")
    assert (
        _record(officer, files=[SimpleUploadedFile("照片.png", b"\x89PNG\r\n\x1a\n" + b"x" * 40)]).status_code
        == 302
    )
    return Incident.objects.get(subject="swj")


def test_a_clerk_gets_403_and_no_menu(wushen, media) -> None:  # type: ignore[no-untyped-def]
    incident = _incident_with_file(wushen)
    from graphql_relay import to_global_id

    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    home = get(clerk, "/c/150626/").content.decode()
    assert "考核周期" not in home
    for path in (f"{WS}/", f"{WS}/incidents/", f"{WS}/evidence/{to_global_id('Incident', incident.pk)}/0"):
        response = get(clerk, path)
        assert response.status_code == 403, path
        assert b"\x89PNG" not in response.content
    refused = _record(clerk, subject="gaj")
    assert refused.status_code == 403 and not Incident.objects.filter(subject="gaj").exists()
    officer_home = get(logged_in(wushen, Role.SUPERVISOR), "/c/150626/").content.decode()
    assert "考核周期" in officer_home and "扣分记录" in officer_home


def test_another_countys_officer_gets_nothing_not_even_the_file(wushen, wenling, media) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(wushen)
    incident = _incident_with_file(wushen)
    from graphql_relay import to_global_id

    gid = to_global_id("Incident", incident.pk)
    connection.set_tenant(wenling)
    other = logged_in(wenling, Role.CENTRE_MANAGER, username="wl-officer")
    for path in (f"{WS}/", f"{WS}/incidents/", f"{WS}/evidence/{gid}/0"):
        response = get(other, path)
        assert response.status_code == 403, path
        assert b"\x89PNG" not in response.content and "税务局" not in response.content.decode()
    # the same id in its own county is another county's row, never 乌审旗's file
    own = get(other, f"/c/331081/assessment/evidence/{gid}/0")
    assert own.status_code == 404 and b"\x89PNG" not in own.content
    assert "窗口及工作人员考核（草案）" in get(other, "/c/331081/assessment/").content.decode()


def test_every_evidence_read_is_audited(wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.audit.models import AuditEvent
    from onewindow.tenants.scoring.services import record_incident
    from onewindow.tenants.scoring.services.evidence import Upload, read

    with clock.frozen_at("2026-02-10 10:00"):
        incident = record_incident(
            "qiye-zhuanqu",
            rule="R3",
            subject="scjg",
            occurred_on=dt.date(2026, 2, 10),
            actor="xtxz",
            files=[Upload("现场.pdf", PDF)],
        )
    before = AuditEvent.objects.filter(action="scoring.evidence_read").count()
    entry, content = read(incident.pk, 0, actor="xtxz")
    assert content == PDF and entry["name"] == "现场.pdf"
    assert AuditEvent.objects.filter(action="scoring.evidence_read").count() == before + 1
