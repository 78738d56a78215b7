"""The weekly 办不成事 report: what came in, what was closed, and who is overdue (named)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from onewindow.tenants.fallback.models import Assignment, FallbackCase, FallbackStatus


@dataclass
class WeeklyReport:
    week_start: dt.date
    week_end: dt.date
    registered: int
    closed: int
    overdue_cases: list[FallbackCase]
    overdue_assignments: list[Assignment]


def weekly_report(day: dt.date) -> WeeklyReport:
    start = day - dt.timedelta(days=day.weekday())
    end = start + dt.timedelta(days=6)
    cases = FallbackCase.objects.select_related("hotline_order")
    return WeeklyReport(
        week_start=start,
        week_end=end,
        registered=cases.filter(registered_at__date__range=(start, end)).count(),
        closed=cases.filter(closed_at__date__range=(start, end)).count(),
        overdue_cases=list(
            cases.exclude(status=FallbackStatus.CLOSED).filter(deadline_on__lt=end).order_by("deadline_on")
        ),
        overdue_assignments=list(
            Assignment.objects.select_related("case", "department")
            .filter(completed_at__isnull=True, due_on__lt=end)
            .exclude(case__status=FallbackStatus.CLOSED)
            .order_by("due_on")
        ),
    )
