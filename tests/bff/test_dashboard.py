"""领导驾驶舱: the numbers of cases made through the real services, who may see them, SQL per page."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from tests.bff.helpers import get, logged_in

pytestmark = pytest.mark.django_db

TODAY = "2026-11-25 16:00"  # a Wednesday: this week is 11-23 … 11-29
URL = "/c/150626/dashboard/"


def _data(response: Any) -> dict[str, Any]:
    """The numbers the charts are drawn from, as the page embeds them."""
    html = response.content.decode()
    found = re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the page embeds its chart data"
    return dict(json.loads(found.group(1)))


def _at(moment: str, call: Any) -> Any:
    with clock.frozen_at(moment):
        return call()


def _seed_wushen() -> None:
    """Six cases over three weeks, six visit reviews, two 办不成事 and a closed ranking."""
    from onewindow.tenants.cases.services import accept_case, decide_case
    from onewindow.tenants.fallback.services import register_fallback
    from onewindow.tenants.reviews.services import submit_visit_review
    from onewindow.tenants.scoring.services import close_period, open_period, record_incident
    from tests.tenants.cases_helpers import post_approver, receive

    post_approver("appr", "scjg")

    def accepted(moment: str) -> Any:
        def go() -> Any:
            case = receive()
            return accept_case(case.number, version=case.version, actor="clerk")

        return _at(moment, go)

    def decided(case: Any, moment: str) -> None:
        _at(
            moment,
            lambda: decide_case(
                case.number, version=case.version, approve=True, actor="appr", roles=[Role.APPROVER]
            ),
        )

    # QY-SL promises 1 working day: accepted on a Monday, due on the Tuesday.
    accepted("2026-11-09 10:00")  # due 11-10, never decided: overdue in week 11-09, and now
    on_time = accepted("2026-11-16 10:00")  # due 11-17
    decided(on_time, "2026-11-17 15:00")
    late = accepted("2026-11-16 10:30")  # due 11-17, decided on 11-19: late, overdue in week 11-16
    decided(late, "2026-11-19 15:00")
    today = accepted("2026-11-23 10:00")
    decided(today, "2026-11-23 15:00")  # on time, this week
    _at("2026-11-24 09:00", lambda: receive())  # received, not yet accepted
    accepted("2026-11-23 11:00")  # due 11-24, not decided: overdue this week, and now

    for i, (moment, level) in enumerate(
        [
            ("2026-11-17 10:00", 5),
            ("2026-11-17 11:00", 4),
            ("2026-11-18 11:00", 2),  # 差评: a work order opened on 11-18, 7 days old
            ("2026-11-23 10:00", 5),
            ("2026-11-24 10:00", 3),  # 基本满意 is 好评
            ("2026-11-24 11:00", 1),  # 差评: a work order opened on 11-24, 1 day old
        ]
    ):
        _at(
            moment,
            lambda i=i, level=level: submit_visit_review(
                f"V{i:03d}", window="ZC01", level=level, channel="device", actor=None
            ),
        )
    for moment in ("2026-11-05 09:00", "2026-11-23 09:00"):  # 20 and 2 days old
        _at(
            moment,
            lambda: register_fallback(
                channel="fallback_window", summary="无人受理的新业态", applicant_name="王五", actor="clerk"
            ),
        )

    def rank() -> None:
        period = open_period("qiye-zhuanqu", dt.date(2026, 8, 3), actor="xtxz")
        record_incident(
            "qiye-zhuanqu", rule="R3", subject="scjg", occurred_on=dt.date(2026, 8, 3), actor="xtxz"
        )
        for code in ("zwfw", "scjg", "zjj", "rsj", "ybj", "swj"):  # 000 附件3 第8项: staff assessed
            record_incident(
                "qiye-zhuanqu",
                rule="rygl",
                subject=code,
                occurred_on=dt.date(2026, 8, 3),
                count=100,
                actor="xtxz",
            )
        close_period(period.pk, actor="xtxz", post_days=3)

    _at("2026-10-09 09:00", rank)


def test_the_leader_sees_this_county_in_numbers(wushen, wenling) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.hall.models import Department
    from onewindow.tenants.workorders.models import WorkOrder

    connection.set_tenant(wushen)
    _seed_wushen()
    assert WorkOrder.objects.count() == 2
    departments = dict(Department.objects.values_list("code", "name"))
    leader = logged_in(wushen, Role.LEADER)
    with clock.frozen_at(TODAY):
        response = get(leader, URL)
    assert response.status_code == 200
    html = response.content.decode()
    data = _data(response)
    assert len(data["weeks"]) == 12 and data["weeks"][-3:] == ["11/9–11/15", "11/16–11/22", "11/23–11/29"]
    assert data["received"][-3:] == [1, 2, 3]
    assert data["decided"][-3:] == [0, 2, 1]
    assert data["overdue"][-3:] == [1, 1, 1]
    assert data["onTimeRate"][-3:] == [None, 50.0, 100.0]
    assert data["goodRate"][-3:] == [None, 66.7, 66.7]
    assert sum(data["received"][:-3]) == 0
    assert data["ages"] == ["3天以内", "4–7天", "8–15天", "15天以上"]
    assert data["fallback"] == [1, 0, 0, 1]
    assert data["workOrders"] == [1, 1, 0, 0]
    # the ranking: 服务企业专区 Q3, every department at 100 but scjg (−5 for a private intake)
    ranking = data["ranking"]
    assert ranking[-1] == {"name": departments["scjg"], "total": 95.0, "rank": len(ranking)}
    assert all(r["total"] == 100.0 and r["rank"] == 1 for r in ranking[:-1])
    # the tiles and the tables say the same
    for text in (
        "本周收件",
        "上周 2 件",
        "本周超期",
        "当前超期在办 2 件",
        "上周 50.0%",
        "按时办结率",
        "好评率",
        "查看数据",
    ):
        assert text in html, text
    assert (
        '2026-11-16 至 2026-11-22</td><td class="num">2</td><td class="num">2</td><td class="num">1</td>'
        in html
    )
    assert "服务企业专区进驻部门绩效考核" in html and "公示中" in html
    # the menu offers it; the leader's home page is the dashboard
    assert 'href="/c/150626/dashboard/"' in html
    assert get(leader, "/c/150626/").url == URL
    # another county's leader: nothing of 乌审旗, and an empty dashboard of their own
    other = logged_in(wenling, Role.LEADER, username="wenling-leader")
    assert get(other, URL).status_code == 403
    with clock.frozen_at(TODAY):
        theirs = get(other, "/c/331081/dashboard/")
    assert theirs.status_code == 200
    their_data = _data(theirs)
    assert sum(their_data["received"]) == 0 and their_data["ranking"] == []
    assert sum(their_data["fallback"]) == 0 and "尚无已公示的考核结果" in theirs.content.decode()


@pytest.mark.parametrize("role", [Role.INTAKE_CLERK, Role.APPROVER, Role.SUPERVISOR])
def test_hall_staff_do_not_get_the_dashboard(wushen, role) -> None:  # type: ignore[no-untyped-def]
    staff = logged_in(wushen, role)
    response = get(staff, URL)
    assert response.status_code == 403
    assert "dashboard-data" not in response.content.decode()
    assert 'href="/c/150626/dashboard/"' not in get(staff, "/c/150626/").content.decode()


@pytest.mark.parametrize("role", [Role.COUNTY_ADMIN, Role.CENTRE_MANAGER])
def test_the_admin_and_the_centre_manager_see_it_too(wushen, role) -> None:  # type: ignore[no-untyped-def]
    assert get(logged_in(wushen, role), URL).status_code == 200


def test_the_wall_screen_has_no_menu_and_refreshes(wushen) -> None:  # type: ignore[no-untyped-def]
    html = get(logged_in(wushen, Role.LEADER), URL + "?wall=1").content.decode()
    assert 'http-equiv="refresh"' in html and 'class="menu"' not in html and "dashboard-data" in html


def _bulk(count: int) -> None:
    """``count`` cases over 12 weeks, decided, late and open, with reviews, 办不成事 and work orders."""
    from onewindow.tenants.cases.models import Applicant, Case, CaseStatus
    from onewindow.tenants.catalog.models import ServiceItem
    from onewindow.tenants.fallback.models import FallbackCase
    from onewindow.tenants.hall.models import Window
    from onewindow.tenants.reviews.models import Review
    from onewindow.tenants.workorders.models import WorkOrder

    now = clock.now()
    item = ServiceItem.objects.get(code="QY-SL")
    desk = Window.objects.get(code="ZC01")
    start = Case.objects.count()
    applicant = Applicant.objects.create(
        kind="person", name="批量", id_number=f"B{start:017d}", phone="", created_at=now
    )
    cases = []
    for i in range(count):
        received = now - dt.timedelta(hours=7 * i + 1)
        due = received.date() + dt.timedelta(days=2)
        decided = received + dt.timedelta(days=i % 4) if i % 3 else None
        cases.append(
            Case(
                number=f"B{start + i:06d}",
                applicant=applicant,
                item=item,
                department_id=item.department_id,
                channel="window",
                window=desk,
                status=CaseStatus.APPROVED if decided else CaseStatus.ACCEPTED,
                received_at=received,
                accepted_on=received.date(),
                promised_days=1,
                due_on=due,
                decided_at=decided,
            )
        )
    made = Case.objects.bulk_create(cases)
    Review.objects.bulk_create(
        Review(case=c, window=desk, level=1 + i % 5, channel="device", created_at=c.received_at)
        for i, c in enumerate(made)
    )
    bad = list(Review.objects.filter(case__in=made, level__lte=2))
    WorkOrder.objects.bulk_create(
        WorkOrder(
            number=f"WO-{r.pk}",
            review=r,
            department_id=item.department_id,
            opened_on=r.created_at.date(),
            callback_due_on=r.created_at.date(),
        )
        for r in bad
    )
    FallbackCase.objects.bulk_create(
        FallbackCase(
            number=f"F{start + i:06d}",
            registered_at=now - dt.timedelta(days=i % 30),
            channel="fallback_window",
            summary="批量",
            applicant_name="批量",
        )
        for i in range(count // 4)
    )


def _statements(client: Client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert get(client, URL).status_code == 200
    return len(ctx.captured_queries)


def test_sql_per_page_does_not_grow_with_the_cases(wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.scoring.services import close_period, open_period, record_incident

    connection.set_tenant(wushen)
    period = open_period("qiye-zhuanqu", dt.date(2026, 1, 5), actor="xtxz")
    for code in ("zwfw", "scjg", "zjj", "rsj", "ybj", "swj"):  # 000 附件3 第8项: staff assessed
        record_incident(
            "qiye-zhuanqu",
            rule="rygl",
            subject=code,
            occurred_on=dt.date(2026, 1, 5),
            count=100,
            actor="xtxz",
        )
    close_period(period.pk, actor="xtxz", post_days=3)  # 附件3 四(二)
    leader = logged_in(wushen, Role.LEADER)
    _bulk(10)
    at_10 = _statements(leader)
    _bulk(190)
    at_200 = _statements(leader)
    assert at_10 == at_200, (at_10, at_200)
    assert _data(get(leader, URL))["ranking"][0]["total"] == float(Decimal("100.00"))
