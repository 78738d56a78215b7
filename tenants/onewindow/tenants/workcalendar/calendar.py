"""Working-day arithmetic on a county's calendar (ARCHITECTURE §5, DOMAIN §8 "Deadlines").

Which day is a working day, in order of precedence:
1. the county's own override (a closure, or an extra working day);
2. the national arrangement a provincial operator loaded for that year (it wins over the
   package, which lags the State Council's annual notice);
3. the ``chinese_calendar`` package's holidays and 调休 make-up working days.
A date in a year none of these knows raises ``CalendarYearMissing``: a deadline is never
guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import chinese_calendar

from onewindow.platform.calendar.models import DayKind, NationalCalendarDay, NationalCalendarYear
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.workcalendar.models import CalendarOverride, OverrideKind

Interval = tuple[dt.date, dt.date]  # inclusive, e.g. a 补正 pause from its first to last day

# No real deadline runs this long; reaching it means a calendar with no working days.
_MAX_SCAN_DAYS = 3 * 366


class CalendarYearMissing(BusinessError):
    def __init__(self, year: int) -> None:
        super().__init__(
            "CALENDAR_YEAR_MISSING",
            f"{year} 年的全国放假安排尚无数据：请省级运营人员先加载该年的放假安排",
            field="date",
        )
        self.year = year


class WorkingCalendar:
    """One county's calendar. Build with ``for_active_county()``; it reads the DB once."""

    def __init__(
        self,
        overrides: dict[dt.date, str] | None = None,
        national_years: dict[int, dict[dt.date, str]] | None = None,
    ) -> None:
        self._overrides = overrides or {}
        self._national = national_years or {}

    @classmethod
    def for_active_county(cls) -> WorkingCalendar:
        """The calendar of the county whose schema is active on the connection."""
        overrides = dict(CalendarOverride.objects.values_list("date", "kind"))
        national: dict[int, dict[dt.date, str]] = {}
        for year, date, kind in NationalCalendarDay.objects.values_list("year__year", "date", "kind"):
            national.setdefault(year, {})[date] = kind
        # A year loaded with no special days at all still counts as loaded.

        for year in NationalCalendarYear.objects.values_list("year", flat=True):
            national.setdefault(year, {})
        return cls(overrides, national)

    def is_working_day(self, day: dt.date) -> bool:
        override = self._overrides.get(day)
        if override is not None:
            return override == OverrideKind.WORKING
        loaded = self._national.get(day.year)
        if loaded is not None:
            kind = loaded.get(day)
            if kind is not None:
                return kind == DayKind.WORKDAY
            return day.weekday() < 5
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            raise CalendarYearMissing(day.year) from None

    def _counts(self, day: dt.date, paused: Sequence[Interval]) -> bool:
        return self.is_working_day(day) and not any(a <= day <= b for a, b in paused)

    def add_working_days(self, start: dt.date, days: int, paused: Iterable[Interval] = ()) -> dt.date:
        """The date ``days`` working days after ``start`` (``start`` itself is not counted).

        行政许可法 art. 82: the day of acceptance is not counted. Working days inside a
        ``paused`` interval (补正, hearings, testing, expert review) do not count either.
        """
        if days < 0:
            raise ValueError("days must be >= 0")
        paused = list(paused)
        day, counted = start, 0
        for _ in range(_MAX_SCAN_DAYS + days * 2):
            if counted == days:
                return day
            day += dt.timedelta(days=1)
            if self._counts(day, paused):
                counted += 1
        raise BusinessError("CALENDAR_NO_WORKING_DAYS", "日历中找不到足够的工作日", field="date")

    def shift_working_days(self, start: dt.date, days: int) -> dt.date:
        """``add_working_days`` for any sign: -2 is the second working day before ``start``."""
        if days >= 0:
            return self.add_working_days(start, days)
        day, counted = start, 0
        for _ in range(_MAX_SCAN_DAYS - days * 2):
            if counted == -days:
                return day
            day -= dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        raise BusinessError("CALENDAR_NO_WORKING_DAYS", "日历中找不到足够的工作日", field="date")

    def working_days_between(self, start: dt.date, end: dt.date, paused: Iterable[Interval] = ()) -> int:
        """Working days in (start, end]; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.working_days_between(end, start, paused)
        paused = list(paused)
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            if self._counts(day, paused):
                count += 1
        return count
