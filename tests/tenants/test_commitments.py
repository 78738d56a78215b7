"""容缺受理与告知承诺 follow-up (003 二(二)4: 持续推行告知承诺制和容缺受理服务模式), worked by hand
on 乌审旗's preset and the 2026 national calendar (国庆 10/1–10/7 off, 10/10 a make-up working
Saturday). The preset's chain ``chengnuo-genzong`` (example offsets, cited to 003 二(二)4 and 001
§15 三级提醒): a reminder the working day before the agreed day, 09:00; the centre on the day."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.cases.models import Case, Commitment, CommitmentState, MaterialState
from onewindow.tenants.cases.services import (
    Pledge,
    accept_case,
    break_commitment,
    break_overdue_commitments,
    fulfil_commitment,
)
from onewindow.tenants.escalation.models import Watch
from tests.tenants.cases_helpers import receive

pytestmark = pytest.mark.django_db
D = dt.date
PLEDGE = "承诺在约定日期前取得并提交消防安全检查合格意见"


def at(moment: str):  # type: ignore[no-untyped-def]
    return clock.frozen_at(moment)


def watch(commitment: Commitment) -> Watch:
    return Watch.objects.get(subject_type="Commitment", subject_id=str(commitment.pk))


def accepted() -> tuple[Case, Commitment, Commitment]:
    """Accepted on Wed 2026-09-30: 住所使用证明 (zs) 容缺 until Thu 10-08, a pledge until Sat 10-10."""
    with at("2026-09-30 10:00"):
        case = receive(provided=["sqs", "zc"])  # zs missing; QY-SL allows 容缺 for it
        case = accept_case(
            case.number,
            version=case.version,
            tolerate=["zs"],
            tolerance_due_on=D(2026, 10, 8),
            pledges=[Pledge(PLEDGE, D(2026, 10, 10))],
            actor="clerk",
        )
    zs = case.commitments.get(material_code="zs")
    pledge = case.commitments.get(kind="pledge")
    return case, zs, pledge


def test_acceptance_records_each_promise_with_its_day_and_a_watch() -> None:
    case, zs, pledge = accepted()
    assert (zs.kind, zs.content, zs.due_on, zs.state) == ("tolerance", "住所使用证明", D(2026, 10, 8), "open")
    assert (pledge.content, pledge.due_on) == (PLEDGE, D(2026, 10, 10))
    assert case.materials.get(code="zs").state == MaterialState.TOLERATED
    # offset −1 from Thu 10-08: 10-01…10-07 are 国庆, so the working day before is Wed 09-30
    assert watch(zs).next_due_at == dt.datetime(2026, 9, 30, 9, 0, tzinfo=clock.COUNTY_TZ)
    # offset −1 from Sat 10-10 (调休 working day) is Fri 10-09
    assert watch(pledge).next_due_at == dt.datetime(2026, 10, 9, 9, 0, tzinfo=clock.COUNTY_TZ)
    accepted_event = AuditEvent.objects.get(
        subject_type="Case", subject_id=str(case.pk), action="case.accepted"
    )
    assert [c["due_on"] for c in accepted_event.data["commitments"]] == ["2026-10-08", "2026-10-10"]


def test_a_due_day_must_be_a_working_day_of_the_county_calendar() -> None:
    with at("2026-09-30 10:00"):
        case = receive(provided=["sqs", "zc"])
        with pytest.raises(BusinessError) as err:  # Sat 10-03 is 国庆
            accept_case(
                case.number,
                version=case.version,
                tolerate=["zs"],
                tolerance_due_on=D(2026, 10, 3),
                actor="clerk",
            )
        assert (err.value.code, err.value.field) == ("DUE_NOT_WORKING_DAY", "tolerance_due_on")
        with pytest.raises(BusinessError) as err:
            accept_case(
                case.number,
                version=case.version,
                tolerate=["zs"],
                tolerance_due_on=D(2026, 10, 8),
                pledges=[Pledge(PLEDGE, None)],
                actor="clerk",
            )
        assert (err.value.code, err.value.field) == ("COMMITMENT_DUE_REQUIRED", "pledges[0].due_on")
        case.refresh_from_db()
        assert case.status == "received" and not Commitment.objects.filter(case=case).exists()


def test_the_material_supplied_fulfils_the_commitment_and_stops_its_chain() -> None:
    case, zs, _ = accepted()
    with at("2026-10-08 15:00"):  # on the agreed day
        fulfilled = fulfil_commitment(zs.pk, note="已补交租赁合同原件", actor="clerk")
    assert (fulfilled.state, fulfilled.closed_by) == (CommitmentState.FULFILLED, "clerk")
    assert case.materials.get(code="zs").state == MaterialState.PROVIDED
    assert watch(zs).resolved_at is not None
    with pytest.raises(BusinessError) as err:
        fulfil_commitment(zs.pk, actor="clerk")
    assert err.value.code == "COMMITMENT_CLOSED"


def test_what_is_still_open_after_its_day_is_broken_once_by_the_sweep() -> None:
    case, zs, pledge = accepted()
    with at("2026-10-08 15:00"):
        fulfil_commitment(zs.pk, actor="clerk")
    with at("2026-10-10 17:00"):  # the pledge's own day: not yet broken
        assert break_overdue_commitments() == 0
    with at("2026-10-11 08:00"):
        assert break_overdue_commitments() == 1
        assert break_overdue_commitments() == 0  # once
    pledge.refresh_from_db()
    assert (pledge.state, pledge.closed_by) == (CommitmentState.BROKEN, "system")
    assert watch(pledge).resolved_at is not None
    broken = AuditEvent.objects.get(action="commitment.broken", subject_id=str(case.pk))
    # a catalog event a rule set may take: the case's department answers for it
    assert (broken.data["department"], broken.data["automatic"], broken.data["due_on"]) == (
        "scjg",
        True,
        "2026-10-10",
    )


def test_a_breach_recorded_by_the_clerk_needs_a_reason() -> None:
    _, zs, _ = accepted()
    with pytest.raises(BusinessError) as err:
        break_commitment(zs.pk, reason=" ", actor="clerk")
    assert err.value.code == "REQUIRED"
    with at("2026-10-08 11:00"):
        broken = break_commitment(zs.pk, reason="申请人声明无法取得住所使用证明", actor="clerk")
    assert broken.state == CommitmentState.BROKEN
    event = AuditEvent.objects.get(action="commitment.broken")
    assert event.data["automatic"] is False
