"""What every case service shares: the row lock, the case number, deadlines and their watches."""

from __future__ import annotations

from django.db import connection

from onewindow.platform.core import clock
from onewindow.platform.core.tenancy import db
from onewindow.platform.core.versioning import lock_for_edit, save_edit
from onewindow.tenants.cases.models import (
    Case,
)
from onewindow.tenants.escalation import services as escalation
from onewindow.tenants.escalation.models import SubjectKind
from onewindow.tenants.workcalendar.calendar import Interval, WorkingCalendar


def actor_name(actor: object | None) -> str:
    return actor if isinstance(actor, str) else str(getattr(actor, "username", "system"))


def locked_case(number: str, version: int | None) -> Case:
    return lock_for_edit(Case, what=f"办件 {number}", version=version, number=number)


def save_case(case: Case, *fields: str) -> None:
    save_edit(case, *fields)


def next_number() -> str:
    county = getattr(db, "tenant", None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('case_number_seq')")
        (seq,) = cursor.fetchone()
    return f"{getattr(county, 'code', '000000')}{clock.today():%Y%m%d}{seq:06d}"


def pause_intervals(case: Case) -> list[Interval]:
    """Closed pauses as day intervals: from the day paused to the day before the resumption."""
    out: list[Interval] = []
    for pause in case.pauses.all():
        if pause.ended_on is not None and pause.ended_on >= pause.started_on:
            out.append((pause.started_on, pause.ended_on))
    return out


def watch_case(case: Case) -> None:
    """The county's deadline chains (三级提醒) start watching an accepted case."""
    escalation.start_watches(
        SubjectKind.CASE,
        "Case",
        case.pk,
        f"办件 {case.number}",
        started_on=case.accepted_on,  # type: ignore[arg-type]
        deadline_on=case.due_on,
    )


def recompute_due(case: Case, calendar: WorkingCalendar | None = None) -> None:
    if case.accepted_on is None or case.promised_days is None:
        case.due_on = None
        return
    calendar = calendar or WorkingCalendar.for_active_county()
    case.due_on = calendar.add_working_days(
        case.accepted_on, case.promised_days + case.extension_days, pause_intervals(case)
    )
