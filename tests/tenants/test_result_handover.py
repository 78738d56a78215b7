"""Results handed from the department to the 综合出件 window (000 第九条: 后台审批人员……将办理结果
统一流转至综合出件窗口，办理交接手续后由综合出件窗口统一出件) and the late ones scored by 乌审旗's
rule set (000 附件3 第6项, R7: 未及时将办理结果送达到出件窗口的，每次扣2分).

"未及时" has no number in the seed: 乌审旗's preset sets ``cases.result_handover_within_days: 1``
(example data), i.e. by the end of the first working day after the decision, on the 2026
national calendar (国庆 10/1–10/7 off; Sat 10/10 a make-up working day)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.cases.models import Case, ResultHandover
from onewindow.tenants.cases.services import (
    accept_case,
    decide_case,
    flag_late_handovers,
    hand_over_result,
    issue_result,
    receive_result,
)
from onewindow.tenants.scoring.models import Incident, Result
from onewindow.tenants.scoring.services import close_period, open_period
from tests.tenants.cases_helpers import APPROVER_ROLES, post_approver, receive

pytestmark = pytest.mark.django_db
D = dt.date


def decided(day: str) -> Case:
    with clock.frozen_at("2026-09-29 10:00"):
        case = receive()
        case = accept_case(case.number, version=case.version, actor="clerk")
    with clock.frozen_at(f"{day} 10:00"):
        return decide_case(case.number, version=case.version, approve=True, actor="hsl", roles=APPROVER_ROLES)


def handover(case: Case) -> ResultHandover:
    return ResultHandover.objects.get(case=case)


def late_events() -> list[tuple[str, bool]]:
    rows = AuditEvent.objects.filter(action="result.handover_late").order_by("id")
    return [(r.data["department"], r.data["handed"]) for r in rows]


def test_hand_over_then_receipt_on_time_is_recorded_with_who_and_when() -> None:
    post_approver("hsl", "scjg")
    case = decided("2026-09-30")
    # decided Wed 09-30; one working day after it, 国庆 skipped: Thu 10-08
    assert handover(case).due_on == D(2026, 10, 8)
    with clock.frozen_at("2026-10-08 16:00"):
        with pytest.raises(BusinessError) as err:  # nothing handed yet
            receive_result(case.number, window="CJ01", actor="desk")
        assert err.value.code == "NOT_HANDED_OVER"
        with pytest.raises(BusinessError) as err:  # only the deciding department hands over
            hand_over_result(case.number, actor="clerk", roles=["intake_clerk"])
        assert err.value.code == "WRONG_DEPARTMENT"
        hand_over_result(case.number, actor="hsl", roles=APPROVER_ROLES)
        receive_result(case.number, window="CJ01", actor="desk")
    row = handover(case)
    assert (row.handed_by, row.received_by, row.window.code, row.late) == ("hsl", "desk", "CJ01", False)
    assert row.handed_at == row.received_at == dt.datetime(2026, 10, 8, 16, 0, tzinfo=clock.COUNTY_TZ)
    with pytest.raises(BusinessError) as err:
        hand_over_result(case.number, actor="hsl", roles=APPROVER_ROLES)
    assert err.value.code == "ALREADY_HANDED_OVER"
    timeline = AuditEvent.objects.filter(subject_type="Case", subject_id=str(case.pk)).values_list(
        "action", flat=True
    )
    assert list(timeline)[-2:] == ["result.handed_over", "result.received"]
    assert late_events() == []


def test_late_hand_overs_are_automatic_incidents_of_r7() -> None:
    post_approver("hsl", "scjg")
    on_time = decided("2026-09-30")  # due Thu 10-08, handed 10-08: on time
    never = decided("2026-09-30")  # due Thu 10-08, still not handed on Fri 10-09: the sweep
    weekend = decided("2026-10-09")  # due Sat 10-10 (调休 working day), handed Mon 10-12: late
    assert handover(weekend).due_on == D(2026, 10, 10)
    with clock.frozen_at("2026-10-08 16:00"):
        hand_over_result(on_time.number, actor="hsl", roles=APPROVER_ROLES)
        assert flag_late_handovers() == 0  # the due day itself is still in time
    with clock.frozen_at("2026-10-09 09:00"):
        assert flag_late_handovers() == 1  # `never`
        assert flag_late_handovers() == 0  # once
    with clock.frozen_at("2026-10-12 10:00"):
        hand_over_result(never.number, actor="hsl", roles=APPROVER_ROLES)  # already late: no second event
        hand_over_result(weekend.number, actor="hsl", roles=APPROVER_ROLES)
        issue_result(never.number, version=never.version + 1, window="CJ01", delivery="pickup", actor="desk")
    assert late_events() == [("scjg", False), ("scjg", True)]
    assert handover(never).received_by == "desk"  # the receipt recorded at issuance
    with clock.frozen_at("2026-12-01 10:00"):  # Q4 2026 closed early, on purpose
        period = open_period("qiye-zhuanqu", D(2026, 10, 12), actor="xtxz")
        close_period(period.pk, actor="xtxz", early=True)
    # 附件3 第6项: 2 late results × −2 from 工作实效和服务质量 40 → 36; total 100 − 4 = 96
    scjg = Result.objects.get(period=period, subject="scjg")
    assert scjg.categories["gzsx"] == "36.00" and scjg.total == Decimal("96.00")
    assert Incident.objects.filter(rule="R7", subject="scjg", recorder="system").count() == 2


def test_without_a_limit_in_the_pack_nothing_is_late() -> None:
    from onewindow.tenants.cases.models import CaseSettings

    CaseSettings.objects.update(result_handover_within_days=None)
    post_approver("hsl", "scjg")
    case = decided("2026-09-30")
    assert handover(case).due_on is None
    with clock.frozen_at("2026-11-30 10:00"):
        assert flag_late_handovers() == 0
        hand_over_result(case.number, actor="hsl", roles=APPROVER_ROLES)
    assert late_events() == [] and handover(case).late is False
