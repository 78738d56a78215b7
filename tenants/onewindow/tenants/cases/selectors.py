"""Case reads for the API and other domains: queues, due and overdue, timelines, units."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from onewindow.platform.core import clock
from onewindow.platform.core.versioning import lock_for_edit
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.audit.selectors import timelines
from onewindow.tenants.cases.models import Case, CaseStatus, Commitment, CommitmentState, ExtensionStatus
from onewindow.tenants.escalation.subjects import Units
from onewindow.tenants.hall.selectors import staff_member_for


def case_list() -> QuerySet[Case]:
    return Case.objects.select_related("applicant", "item", "bundle", "department", "window")


def overdue(qs: QuerySet[Case], today: dt.date | None = None) -> QuerySet[Case]:
    """Accepted, clock running, past its due date."""
    return qs.filter(status=CaseStatus.ACCEPTED, paused=False, due_on__lt=today or clock.today())


def due_within(qs: QuerySet[Case], days: int, today: dt.date | None = None) -> QuerySet[Case]:
    today = today or clock.today()
    return qs.filter(
        status=CaseStatus.ACCEPTED,
        paused=False,
        due_on__gte=today,
        due_on__lte=today + dt.timedelta(days=days),
    )


def case_timelines(pks: list[int]) -> dict[int, list[AuditEvent]]:
    """The timelines of a page of cases, in one query."""
    return {int(pk): events for pk, events in timelines("Case", [str(pk) for pk in pks]).items()}


def is_overdue(case: Case, today: dt.date | None = None) -> bool:
    return (
        case.status == CaseStatus.ACCEPTED
        and not case.paused
        and case.due_on is not None
        and case.due_on < (today or clock.today())
    )


def with_pending_extension(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Cases with an extension request waiting for the centre manager (延期审批)."""
    return cases.filter(extensions__status=ExtensionStatus.REQUESTED).distinct()


def received_by_on(cases: QuerySet[Case], clerk: str, day: dt.date) -> QuerySet[Case]:
    """What ``clerk`` received on the county day ``day`` (综合受理: my cases today)."""
    start = dt.datetime.combine(day, dt.time.min, tzinfo=clock.COUNTY_TZ)
    return cases.filter(
        clerk_username=clerk, received_at__gte=start, received_at__lt=start + dt.timedelta(days=1)
    )


def search_cases(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    """By case number (any part) or the applicant's name — never by 身份证号 or phone."""
    text = text.strip()
    return cases.filter(Q(number__icontains=text) | Q(applicant__name__icontains=text))


def issued_cases() -> QuerySet[Case]:
    """Cases whose result went out (a bundle's sub-cases excluded: the bundle is the case)."""
    return Case.objects.filter(status=CaseStatus.ISSUED, parent__isnull=True)


def case_for_update(number: str) -> Case:
    """The case, locked, for a change that hangs off it (its review); NOT_FOUND when unknown."""
    return lock_for_edit(Case, what=f"办件 {number}", version=None, number=number)


def _units(cases: QuerySet[Case]) -> Units:
    row = cases.values_list("department__code", "window__code", "clerk_username").first()
    if row is None:
        return Units()
    department, window, clerk = row
    member = staff_member_for(clerk)
    return Units(
        departments=(department,) if department else (),
        windows=(window,) if window else (),
        staff=(member.code,) if member else (),
    )


def case_units(case_id: str) -> Units:
    """Who answers for a case, for its reminders: its department, the window that took it in and
    the clerk (when on the roster)."""
    return _units(Case.objects.filter(pk=case_id))


def units_of_case(number: str) -> Units:
    """The same, by case number (a report naming a case)."""
    return _units(Case.objects.filter(number=number))


def department_of_case(number: str) -> str | None:
    return Case.objects.filter(number=number).values_list("department__code", flat=True).first()


def commitment_units(commitment_id: str) -> Units:
    """The department of the case a commitment was given for."""
    code = (
        Commitment.objects.filter(pk=commitment_id).values_list("case__department__code", flat=True).first()
    )
    return Units(departments=(code,) if code else ())


def commitments(
    state: str | None = None, overdue: bool | None = None, today: dt.date | None = None
) -> QuerySet[Commitment]:
    """承诺台账: by due day, the most urgent first; ``overdue``: still open after its due day."""
    qs = Commitment.objects.select_related("case", "case__applicant", "case__department", "case__item")
    if state:
        qs = qs.filter(state=state)
    if overdue:
        qs = qs.filter(state=CommitmentState.OPEN, due_on__lt=today or clock.today())
    return qs.order_by("due_on", "id")


def is_commitment_overdue(commitment: Commitment, today: dt.date | None = None) -> bool:
    return commitment.state == CommitmentState.OPEN and commitment.due_on < (today or clock.today())
