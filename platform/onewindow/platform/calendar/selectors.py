"""A year's national arrangement as the province sees it: loaded, or the bundled package's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import chinese_calendar

from onewindow.platform.calendar.models import DayKind, NationalCalendarYear

# chinese_calendar names its holidays in English.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


@dataclass(frozen=True)
class ArrangedDay:
    date: dt.date
    kind: str  # DayKind
    name: str


@dataclass(frozen=True)
class YearArrangement:
    year: int
    origin: str  # "loaded" | "bundled" | "missing"
    source: str = ""
    loaded_at: dt.datetime | None = None
    loaded_by: str = ""
    days: list[ArrangedDay] = field(default_factory=list)


def _bundled(year: int) -> list[ArrangedDay] | None:
    days: list[ArrangedDay] = []
    day = dt.date(year, 1, 1)
    try:
        while day.year == year:
            holiday, name = chinese_calendar.get_holiday_detail(day)
            weekend = day.weekday() >= 5
            if holiday and name:  # a festival's day, weekend days inside it included
                days.append(ArrangedDay(day, DayKind.HOLIDAY, HOLIDAY_NAMES.get(name, name)))
            elif weekend and not holiday:
                days.append(ArrangedDay(day, DayKind.WORKDAY, ""))
            day += dt.timedelta(days=1)
    except NotImplementedError:  # the package has no data for that year
        return None
    return days


def year_arrangement(year: int) -> YearArrangement:
    row = NationalCalendarYear.objects.filter(year=year).prefetch_related("days").first()
    if row is not None:
        return YearArrangement(
            year,
            "loaded",
            row.source,
            row.loaded_at,
            row.loaded_by,
            [ArrangedDay(d.date, d.kind, d.name) for d in row.days.all()],
        )
    bundled = _bundled(year)
    if bundled is None:
        return YearArrangement(year, "missing")
    return YearArrangement(year, "bundled", "内置数据（chinese_calendar）", days=bundled)


def known_years(today: dt.date) -> list[YearArrangement]:
    """Loaded years, and the bundled ones from last year to next: newest first, days left out."""
    loaded = {r.year: r for r in NationalCalendarYear.objects.all()}
    years = sorted(set(loaded) | {today.year - 1, today.year, today.year + 1}, reverse=True)
    found = []
    for year in years:
        if year in loaded:
            r = loaded[year]
            found.append(YearArrangement(year, "loaded", r.source, r.loaded_at, r.loaded_by))
        else:
            found.append(YearArrangement(year, "bundled" if _bundled(year) is not None else "missing"))
    return found
