"""受理: complete (or 容缺) materials start the promised deadline and the department's queue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import ErrorDetail, ValidationErrors
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.cases.errors import invalid_transition
from onewindow.tenants.cases.models import (
    Case,
    CaseMaterial,
    CaseStatus,
    Handover,
    MaterialState,
)
from onewindow.tenants.cases.services._common import (
    actor_name,
    locked_case,
    recompute_due,
    save_case,
    watch_case,
)
from onewindow.tenants.cases.services.commitments import Pledge, check_due, clean_pledges, record_commitments
from onewindow.tenants.cases.services.intake import failed_checks, problem_materials, tolerable_materials
from onewindow.tenants.catalog.models import ItemKind
from onewindow.tenants.workcalendar.calendar import WorkingCalendar


@transaction.atomic
def accept_case(
    number: str,
    *,
    version: int | None,
    tolerate: Iterable[str] = (),
    tolerance_due_on: dt.date | None = None,
    pledges: Iterable[Pledge] = (),
    actor: object | None,
) -> Case:
    """受理. Every required material is there, or missing with the item's leave to be supplied
    later (容缺, with a commitment and a due working day). 告知承诺 pledges are recorded with
    theirs; each becomes a watched ``Commitment`` (003 二(二)4). The case goes at once to its
    department's approval queue; a bundle spawns one sub-case per member item; a 即办件 is
    decided now."""
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
    calendar = WorkingCalendar.for_active_county()
    tolerated = [m for m in problems if m.code in tolerate]
    if tolerated:  # the applicant supplies them by a working day to come
        check_due(
            tolerance_due_on, code="TOLERANCE_DUE_REQUIRED", field="tolerance_due_on", calendar=calendar
        )
    pledged = clean_pledges(pledges, calendar)
    if tolerated:
        CaseMaterial.objects.filter(pk__in=[m.pk for m in tolerated]).update(state=MaterialState.TOLERATED)
    commitments = record_commitments(case, tolerated, tolerance_due_on, pledged, actor)
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
        data={
            "due_on": str(case.due_on),
            "tolerated": [m.code for m in tolerated],
            "immediate": immediate,
            "commitments": [
                {"kind": c.kind, "content": c.content, "due_on": str(c.due_on)} for c in commitments
            ],
        },
    )
    return case
