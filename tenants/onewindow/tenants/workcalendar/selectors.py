"""Reads of a county's calendar: one month, day by day, as the 日历 page shows it."""

from __future__ import annotations

import calendar as monthly
import datetime as dt
from dataclasses import dataclass

import chinese_calendar

from onewindow.platform.calendar.models import DayKind, NationalCalendarDay, NationalCalendarYear
from onewindow.tenants.workcalendar.calendar import CalendarYearMissing, WorkingCalendar
from onewindow.tenants.workcalendar.models import CalendarOverride


@dataclass(frozen=True)
class MonthDay:
    date: dt.date
    working_day: bool | None  # None: no national arrangement for the year (never guessed)
    national: str  # "holiday" (法定节假日 on a weekday) / "workday" (调休上班) / ""
    national_name: str  # 春节, 国庆节 … when known
    override_kind: str  # the county's own: "closed" / "working" / ""
    override_reason: str


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    source: str  # "loaded" (the provincial operator's data) / "package" (chinese_calendar) / "missing"
    days: list[MonthDay]


def month_days(year: int, month: int) -> Month:
    """Every day of the month with the national arrangement, the county's override and whether
    it is a working day after both (calendar.py's precedence)."""
    first = dt.date(year, month, 1)
    last = first.replace(day=monthly.monthrange(year, month)[1])
    calendar = WorkingCalendar.for_active_county()
    overrides = {o.date: o for o in CalendarOverride.objects.filter(date__range=(first, last))}
    loaded = NationalCalendarYear.objects.filter(year=year).exists()
    national = {
        d.date: (d.kind, d.name) for d in NationalCalendarDay.objects.filter(date__range=(first, last))
    }
    source = "loaded" if loaded else "package"
    days = []
    for offset in range(last.day):
        day = first + dt.timedelta(days=offset)
        kind, name = national.get(day, ("", "")) if loaded else _package_day(day)
        try:
            working: bool | None = calendar.is_working_day(day)
        except CalendarYearMissing:
            working, source = None, "missing"
        override = overrides.get(day)
        days.append(
            MonthDay(
                date=day,
                working_day=working,
                national=kind,
                national_name=name,
                override_kind=override.kind if override else "",
                override_reason=override.reason if override else "",
            )
        )
    return Month(year, month, source, days)


def _package_day(day: dt.date) -> tuple[str, str]:
    """The bundled package's view of a day, in the loaded data's terms."""
    try:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return "", ""
    chinese = next((h.chinese for h in chinese_calendar.Holiday if h.value == name), name or "")
    if on_holiday and name:
        return DayKind.HOLIDAY, chinese
    if not on_holiday and day.weekday() >= 5:
        return DayKind.WORKDAY, chinese  # 调休: a weekend made a working day
    return "", ""
