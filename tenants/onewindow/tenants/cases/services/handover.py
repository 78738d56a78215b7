"""结果流转交接 (000 第九条): "后台审批人员……将办理结果统一流转至综合出件窗口，办理交接手续后由
综合出件窗口统一出件". The decision opens the hand-over with its due working day (the pack's
``cases.result_handover_within_days``); the approving department hands the result over, the
issuance window receives it (or the receipt is recorded at issuance). A hand-over after its due
day, or none by then, is the catalog event ``result.handover_late`` — once per result — which
乌审旗's rule set takes as 附件3 第6项 "未及时将办理结果送达到出件窗口的，每次扣2分"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from onewindow.platform.core.errors import NotFound
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.cases.errors import CaseError
from onewindow.tenants.cases.events import RESULT_HANDOVER_LATE, ResultHandoverLate
from onewindow.tenants.cases.models import Case, CaseSettings, CaseStatus, ResultHandover
from onewindow.tenants.cases.services._common import actor_name, locked_case, save_case
from onewindow.tenants.events import SubjectRef, emit
from onewindow.tenants.hall.models import StaffMember, Window, WindowKind
from onewindow.tenants.workcalendar.calendar import WorkingCalendar

SWEEPER = "system"
RECORDED_AT_ISSUANCE = "出件时补记"


def handover_within_days() -> int | None:
    row = CaseSettings.objects.first()
    return row.result_handover_within_days if row else None


def open_result_handover(case: Case) -> ResultHandover:
    """At the decision (inside ``decide_case``'s transaction): the result now owes the window."""
    days = handover_within_days()
    due = (
        WorkingCalendar.for_active_county().add_working_days(clock.today(), days)
        if days is not None
        else None
    )
    return ResultHandover.objects.create(
        case=case, department=case.department, decided_at=case.decided_at or clock.now(), due_on=due
    )


def _late(handover: ResultHandover, case: Case, actor: object | None, *, handed: bool) -> None:
    handover.late = True
    emit(
        RESULT_HANDOVER_LATE,
        case,
        actor=actor,
        data=ResultHandoverLate(
            department=handover.department.code,
            ref=SubjectRef(kind="case", id=str(case.pk)),
            due_on=str(handover.due_on),
            handed=handed,
        ),
    )


def _hand(handover: ResultHandover, case: Case, who: str, actor: object | None) -> None:
    handover.handed_at, handover.handed_by = clock.now(), who
    late_now = handover.due_on is not None and clock.today() > handover.due_on and not handover.late
    if late_now:
        _late(handover, case, actor, handed=True)
    handover.save(update_fields=["handed_at", "handed_by", "late"])
    record_event(
        "result.handed_over",
        case,
        actor=actor,
        data={
            "department": handover.department.code,
            "handed_by": who,
            "due_on": str(handover.due_on) if handover.due_on else None,
            "late": handover.late,
        },
    )


def _receive(handover: ResultHandover, case: Case, window: Window, who: str, actor: object | None) -> None:
    handover.received_at, handover.received_by, handover.window = clock.now(), who, window
    handover.save(update_fields=["received_at", "received_by", "window"])
    record_event("result.received", case, actor=actor, data={"window": window.code, "received_by": who})


def _handovers(case: Case) -> list[tuple[ResultHandover, Case]]:
    """The hand-overs behind a case's result: its own, or each sub-case's for a bundle."""
    cases = list(case.children.select_related("department")) if case.bundle_id else [case]
    rows = {
        h.case_id: h
        for h in ResultHandover.objects.select_for_update()
        .select_related("department")
        .filter(case__in=[c.pk for c in cases])
    }
    return [(rows[c.pk], c) for c in cases if c.pk in rows]


@transaction.atomic
def hand_over_result(number: str, *, actor: Any, roles: Iterable[str]) -> ResultHandover:
    """The approving department hands its result to the 综合出件 window (流转交接)."""
    case = locked_case(number, None)
    handover = (
        ResultHandover.objects.select_for_update().select_related("department").filter(case=case).first()
    )
    if handover is None:
        raise CaseError(
            "NOTHING_TO_HAND_OVER", "该办件没有待流转的办理结果（尚未审批或为即办件）", field="number"
        )
    username = actor_name(actor)
    if (
        Role.APPROVER not in set(roles)
        or not StaffMember.objects.live()
        .filter(username=username, department=handover.department, roles__contains=[Role.APPROVER])
        .exists()
    ):
        raise CaseError(
            "WRONG_DEPARTMENT", f"只有{handover.department.name}的审批人员可以移交此件结果", field="number"
        )
    if handover.handed_at is not None:
        raise CaseError("ALREADY_HANDED_OVER", "办理结果已移交综合出件窗口", field="number")
    _hand(handover, case, username, actor)
    save_case(case)
    return handover


@transaction.atomic
def receive_result(number: str, *, window: str, actor: object | None) -> Case:
    """The 综合出件 window signs for what the department handed over (a bundle: every sub-case's)."""
    case = locked_case(number, None)
    the_window = Window.objects.live().filter(code=window, kind=WindowKind.ISSUANCE).first()
    if the_window is None:
        raise NotFound(f"综合出件窗口 {window}", field="window")
    waiting = [(h, c) for h, c in _handovers(case) if h.received_at is None]
    if not waiting:
        raise CaseError("NOTHING_TO_RECEIVE", "没有待签收的办理结果", field="number")
    ready = [(h, c) for h, c in waiting if h.handed_at is not None]
    if not ready:
        raise CaseError("NOT_HANDED_OVER", "审批部门尚未移交办理结果", field="number")
    who = actor_name(actor)
    for handover, sub in ready:
        _receive(handover, sub, the_window, who, actor)
    save_case(case)
    return case


def receive_at_issuance(case: Case, window: Window, actor: object | None) -> None:
    """Issuing a result is receiving it: what was not handed over or signed for is recorded now."""
    who = actor_name(actor)
    for handover, sub in _handovers(case):
        if handover.handed_at is None:
            _hand(handover, sub, RECORDED_AT_ISSUANCE, actor)
        if handover.received_at is None:
            _receive(handover, sub, window, who, actor)


def flag_late_handovers(today: dt.date | None = None, *, limit: int = 500) -> int:
    """The sweep: a result still not handed over after its due day is late (once)."""
    today = today or clock.today()
    ids = list(
        ResultHandover.objects.filter(handed_at__isnull=True, late=False, due_on__lt=today)
        .exclude(case__status=CaseStatus.ISSUED)
        .order_by("due_on", "id")
        .values_list("pk", flat=True)[:limit]
    )
    done = 0
    for pk in ids:
        with transaction.atomic():
            handover = (
                ResultHandover.objects.select_for_update(skip_locked=True)
                .select_related("department", "case")
                .filter(pk=pk, handed_at__isnull=True, late=False)
                .first()
            )
            if handover is None:
                continue
            _late(handover, handover.case, SWEEPER, handed=False)
            handover.save(update_fields=["late"])
            done += 1
    return done
