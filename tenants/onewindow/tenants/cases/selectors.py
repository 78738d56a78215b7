"""Case reads shared by the API and (later) escalation: queues, due and overdue, timelines."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from onewindow.platform.core import clock
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.audit.selectors import timeline
from onewindow.tenants.cases.models import Case, CaseStatus, ExtensionStatus


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


def case_timeline(case: Case) -> QuerySet[AuditEvent]:
    return timeline("Case", str(case.pk))


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


def search_cases(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    """By case number (any part) or the applicant's name — never by 身份证号 or phone."""
    text = text.strip()
    return cases.filter(Q(number__icontains=text) | Q(applicant__name__icontains=text))
