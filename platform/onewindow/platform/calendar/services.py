"""Loading a year's national arrangement (provincial operators)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from onewindow.platform.audit.services import record_platform_event
from onewindow.platform.calendar.models import DayKind, NationalCalendarDay, NationalCalendarYear
from onewindow.platform.core import clock
from onewindow.platform.core.errors import ErrorDetail, ValidationErrors


@transaction.atomic
def load_national_year(
    year: int,
    *,
    holidays: Iterable[tuple[dt.date, str]],
    workdays: Iterable[dt.date],
    source: str = "",
    actor: object | None = None,
) -> NationalCalendarYear:
    """Replace ``year``'s arrangement with these holidays and make-up workdays.

    ``holidays`` lists every day off that is not a plain weekend day (weekend days inside a
    holiday may be listed too); ``workdays`` lists the weekend days worked (调休上班).
    """
    holidays = list(holidays)
    workdays = list(workdays)
    problems: list[ErrorDetail] = []
    if not 2000 <= year <= 2100:
        problems.append(ErrorDetail("INVALID_YEAR", "年份超出范围", "year"))
    for i, (day, _name) in enumerate(holidays):
        if day.year != year:
            problems.append(ErrorDetail("DATE_OUTSIDE_YEAR", f"{day} 不在 {year} 年", f"holidays[{i}]"))
    for i, day in enumerate(workdays):
        if day.year != year:
            problems.append(ErrorDetail("DATE_OUTSIDE_YEAR", f"{day} 不在 {year} 年", f"workdays[{i}]"))
        if day.weekday() < 5:
            problems.append(
                ErrorDetail("WORKDAY_NOT_WEEKEND", f"{day} 本是工作日，无需调休", f"workdays[{i}]")
            )
    clash = {d for d, _ in holidays} & set(workdays)
    if clash:
        problems.append(
            ErrorDetail("DAY_BOTH_HOLIDAY_AND_WORKDAY", f"{sorted(clash)[0]} 同时是假日和调休日", "workdays")
        )
    if problems:
        raise ValidationErrors(problems)

    label = actor if isinstance(actor, str) else getattr(actor, "username", "system")
    row, _ = NationalCalendarYear.objects.update_or_create(
        year=year, defaults={"source": source, "loaded_at": clock.now(), "loaded_by": label or ""}
    )
    row.days.all().delete()
    NationalCalendarDay.objects.bulk_create(
        [NationalCalendarDay(year=row, date=d, kind=DayKind.HOLIDAY, name=n) for d, n in holidays]
        + [NationalCalendarDay(year=row, date=d, kind=DayKind.WORKDAY) for d in workdays]
    )
    record_platform_event(
        "national_calendar.loaded",
        row,
        actor=actor,
        data={"year": year, "holidays": len(holidays), "workdays": len(workdays), "source": source},
    )
    return row
