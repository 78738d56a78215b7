"""When a queue is open: the weekday's intervals, closed on the calendar's holidays, plus the
延时/错时/周末 extra intervals that name the queue; appointment slots cut from the same hours."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import chinese_calendar

from onewindow.platform.core import clock
from onewindow.tenants.queueing.models import Queue, QueueSettings
from onewindow.tenants.queueing.policy import QueueSettingsSpec, parse_interval
from onewindow.tenants.workcalendar.calendar import WorkingCalendar
from onewindow.tenants.workcalendar.models import CalendarOverride, OverrideKind

Span = tuple[dt.time, dt.time]


def queue_rules() -> QueueSettingsSpec:
    """The county's calling rules as the pack has them (the spec's defaults when none)."""
    row = QueueSettings.objects.first()
    if row is None:
        return QueueSettingsSpec()
    return QueueSettingsSpec.model_validate(
        {
            "serving": row.serving,
            "hours": row.hours,
            "extra_hours": row.extra_hours,
            "holidays_closed": row.holidays_closed,
            "priority": row.priority,
            "no_show": row.no_show,
            "appointments": row.appointments,
            "target_wait_minutes": row.target_wait_minutes,
        }
    )


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(clock.COUNTY_TZ)


def _is_holiday(day: dt.date, calendar: WorkingCalendar) -> bool:
    """A day the calendar closes: a statutory holiday (its weekend days too) or a county closure.
    A plain weekend is not a holiday: 周末服务 intervals open on it."""
    if calendar.is_working_day(day):
        return False
    if CalendarOverride.objects.filter(date=day, kind=OverrideKind.CLOSED).exists() or day.weekday() < 5:
        return True
    try:
        _holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return False
    return name is not None


@dataclass(frozen=True)
class DayHours:
    regular: list[Span]
    extra: dict[str, list[Span]]  # queue code → extra spans ("" = every queue)
    holiday: bool

    def for_queue(self, queue: Queue) -> list[Span]:
        spans = [] if queue.extended_only else list(self.regular)
        spans += self.extra.get("", []) + self.extra.get(queue.code, [])
        return sorted(spans)


def day_hours(day: dt.date, rules: QueueSettingsSpec, calendar: WorkingCalendar | None = None) -> DayHours:
    calendar = calendar or WorkingCalendar.for_active_county()
    holiday = rules.holidays_closed and _is_holiday(day, calendar)
    if holiday:
        return DayHours([], {}, True)
    weekday = day.isoweekday()
    regular = [parse_interval(iv) for h in rules.hours if weekday in h.days for iv in h.intervals]
    if not regular and calendar.is_working_day(day) and rules.hours:
        # a 调休 make-up working weekend works the hours of an ordinary working day
        regular = [parse_interval(iv) for iv in rules.hours[0].intervals]
    extra: dict[str, list[Span]] = {}
    for entry in rules.extra_hours:
        if weekday in entry.days:
            for code in entry.queues or [""]:
                extra.setdefault(code, []).extend(parse_interval(iv) for iv in entry.intervals)
    return DayHours(regular, extra, False)


def is_open(queue: Queue, moment: dt.datetime, rules: QueueSettingsSpec) -> bool:
    at = local(moment)
    return any(a <= at.time() < b for a, b in day_hours(at.date(), rules).for_queue(queue))


def closing_time(queue: Queue, day: dt.date, rules: QueueSettingsSpec) -> dt.datetime | None:
    """The end of the queue's last interval that day (county time), or None on a closed day."""
    spans = day_hours(day, rules).for_queue(queue)
    if not spans:
        return None
    return dt.datetime.combine(day, max(b for _a, b in spans), tzinfo=clock.COUNTY_TZ)


def slot_spans(queue: Queue, day: dt.date, rules: QueueSettingsSpec) -> list[Span]:
    """The appointment slots of a queue's day: each open interval cut in ``slot_minutes``."""
    step = dt.timedelta(minutes=rules.appointments.slot_minutes)
    out: list[Span] = []
    for a, b in day_hours(day, rules).for_queue(queue):
        start = dt.datetime.combine(day, a)
        end = dt.datetime.combine(day, b)
        while start + step <= end:
            out.append((start.time(), (start + step).time()))
            start += step
    return out
