"""受理: complete (or 容缺) materials start the promised deadline and the department's queue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import ErrorDetail, ValidationErrors
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.cases.errors import CaseError, invalid_transition
from onewindow.tenants.cases.links import case_token
from onewindow.tenants.cases.models import (
    Case,
    CaseMaterial,
    CaseStatus,
    Handover,
    MaterialState,
    ToleranceCommitment,
)
from onewindow.tenants.cases.services._common import (
    actor_name,
    locked_case,
    recompute_due,
    save_case,
    watch_case,
)
from onewindow.tenants.cases.services.intake import failed_checks, problem_materials, tolerable_materials
from onewindow.tenants.catalog.models import ItemKind
from onewindow.tenants.documents.selectors import letterhead, public_address
from onewindow.tenants.outbox.services import enqueue_notification
from onewindow.tenants.workcalendar.calendar import WorkingCalendar


@transaction.atomic
def accept_case(
    number: str,
    *,
    version: int | None,
    tolerate: Iterable[str] = (),
    tolerance_due_on: dt.date | None = None,
    actor: object | None,
) -> Case:
    """受理. Every required material is there, or missing with the item's leave to be supplied
    later (容缺, with a commitment and a due date). The case goes at once to its department's
    approval queue; a bundle spawns one sub-case per member item; a 即办件 is decided now."""
    case = locked_case(number, version)
    if case.status != CaseStatus.RECEIVED:
        raise invalid_transition(case.status, "受理")
    tolerate = set(tolerate)
    tolerable = tolerable_materials(case)
    problems = problem_materials(case)
    blocking = [
        m
        for m in problems
        if not (m.state == MaterialState.MISSING and m.code in tolerate and m.code in tolerable)
    ]
    if blocking:
        raise ValidationErrors(
            ErrorDetail(
                "MATERIALS_INCOMPLETE" if m.state == MaterialState.MISSING else "MATERIAL_IRREGULAR",
                f"{m.name}{'缺少' if m.state == MaterialState.MISSING else '不规范'}"
                + ("，且不允许容缺" if m.code in tolerate else "，请出具一次性告知或选择容缺受理"),
                "materials",
            )
            for m in blocking
        )
    failed_points = failed_checks(case)
    if failed_points:
        raise ValidationErrors(
            ErrorDetail("REVIEW_POINT_FAILED", f"不符合审查要点：{c['point']}", "review_checks")
            for c in failed_points.values()
        )
    tolerated = [m for m in problems if m.code in tolerate]
    if tolerated:
        if tolerance_due_on is None or tolerance_due_on <= clock.today():
            raise CaseError(
                "TOLERANCE_DUE_REQUIRED", "容缺受理须约定今后的补齐日期", field="tolerance_due_on"
            )
        CaseMaterial.objects.filter(pk__in=[m.pk for m in tolerated]).update(state=MaterialState.TOLERATED)
        ToleranceCommitment.objects.create(
            case=case, materials=[m.code for m in tolerated], due_on=tolerance_due_on
        )
    calendar = WorkingCalendar.for_active_county()
    today = clock.today()
    case.accepted_on = today
    immediate = case.item is not None and case.item.kind == ItemKind.IMMEDIATE
    if case.bundle is not None:
        case.promised_days = case.bundle.promised_limit_days
    else:
        case.promised_days = 0 if immediate else case.item.promised_limit_days  # type: ignore[union-attr]
    recompute_due(case, calendar)
    case.status = CaseStatus.ACCEPTED
    fields = ["status", "accepted_on", "promised_days", "due_on"]
    if immediate:  # 即办件: decided at the front desk in the same visit
        case.status, case.decided_at, case.decided_by = CaseStatus.APPROVED, clock.now(), actor_name(actor)
        fields += ["decided_at", "decided_by"]
    save_case(case, *fields)
    from_window = case.window.code if case.window else ""
    if case.bundle is not None:
        for member in case.bundle.items.select_related("department").order_by("position", "code"):
            child = Case.objects.create(
                number=f"{case.number}-{member.code}",
                applicant=case.applicant,
                item=member,
                parent=case,
                department=member.department,
                channel=case.channel,
                window=case.window,
                clerk_username=case.clerk_username,
                status=CaseStatus.ACCEPTED,
                received_at=case.received_at,
                accepted_on=today,
                promised_days=case.promised_days,
                due_on=case.due_on,
            )
            watch_case(child)
            Handover.objects.create(
                case=child,
                from_window=from_window,
                to_department=member.department,
                handed_at=clock.now(),
                handed_by=actor_name(actor),
            )
            record_event(
                "case.accepted", child, actor=actor, data={"parent": case.number, "due_on": str(child.due_on)}
            )
    elif not immediate:
        watch_case(case)
        Handover.objects.create(
            case=case,
            from_window=from_window,
            to_department=case.department,
            handed_at=clock.now(),
            handed_by=actor_name(actor),
        )
    record_event(
        "case.accepted",
        case,
        actor=actor,
        data={"due_on": str(case.due_on), "tolerated": [m.code for m in tolerated], "immediate": immediate},
    )
    if letterhead().receipt_sms and case.applicant.phone:
        _send_receipt_link(case)
    return case


# The outbox's one channel today; SMS gateways are routed to by channel name (outbox.channels).
RECEIPT_CHANNEL = "console"


def _send_receipt_link(case: Case) -> None:
    """The receipt link by SMS at 受理 (pack ``documents.receipt_sms``), in the acceptance's
    transaction: it goes out once the case is accepted, never for a rolled-back one."""
    base = public_address()
    when = "当场办结" if case.promised_days == 0 else f"承诺{case.due_on:%Y年%m月%d日}前办结"
    what = case.item.name if case.item else case.bundle.name if case.bundle else ""
    link = f"，查询进度和评价：{base}/r/{case_token(case)}" if base else "，可凭办件编号查询进度"
    enqueue_notification(
        RECEIPT_CHANNEL,
        case.applicant.phone,
        f"您申请的“{what}”已受理，办件编号 {case.number}，{when}{link}",
        subject="受理回执",
    )
