"""Case reads shared by the API and (later) escalation: queues, due and overdue, timelines."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from onewindow.platform.core import clock
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.audit.selectors import timelines
from onewindow.tenants.cases.models import Case, CaseStatus


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
