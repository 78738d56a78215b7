"""Working days on a county calendar: national 2026 table, loaded years, overrides, pauses."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.platform.calendar.services import load_national_year
from onewindow.platform.core.errors import ValidationErrors
from onewindow.tenants.workcalendar.calendar import CalendarYearMissing, WorkingCalendar
from onewindow.tenants.workcalendar.models import CalendarOverride
from onewindow.tenants.workcalendar.services import set_calendar_override

pytestmark = pytest.mark.django_db

D = dt.date


def cal() -> WorkingCalendar:
    return WorkingCalendar.for_active_county()


def test_five_working_days_after_national_day_eve() -> None:
    # DOMAIN §8: Oct 1–7 off, Sat 10/10 worked; the acceptance day is not counted.
    assert cal().add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 13)


@pytest.mark.parametrize(
    "day", [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)]
)
def test_2026_make_up_weekends_are_working_days(day: dt.date) -> None:
    assert day.weekday() >= 5
    assert cal().is_working_day(day)


@pytest.mark.parametrize("day", [D(2026, 1, 1), D(2026, 10, 1), D(2026, 10, 7), D(2026, 11, 21)])
def test_holidays_and_plain_weekends_are_not(day: dt.date) -> None:
    assert not cal().is_working_day(day)


def test_zero_days_is_the_start_day() -> None:
    assert cal().add_working_days(D(2026, 3, 2), 0) == D(2026, 3, 2)


def test_a_year_without_data_fails_loudly_until_loaded() -> None:
    # A case accepted in late December 2026 falls due in January 2027.
    with pytest.raises(CalendarYearMissing) as err:
        cal().add_working_days(D(2026, 12, 28), 5)
    assert err.value.code == "CALENDAR_YEAR_MISSING" and err.value.year == 2027

    load_national_year(
        2027,
        holidays=[(D(2027, 1, 1), "元旦")],
        workdays=[],
        source="测试：2027 年放假安排",
        actor="tests",
    )
    # 12/29, 12/30, 12/31, (1/1 off, weekend 1/2–1/3), 1/4, 1/5
    assert cal().add_working_days(D(2026, 12, 28), 5) == D(2027, 1, 5)


def test_a_loaded_year_wins_over_the_package() -> None:
    # Suppose the notice moved a holiday: 2026-10-08 declared off, Sunday 10-11 worked.
    holidays = [(D(2026, 10, d), "国庆节") for d in range(1, 9)]
    load_national_year(2026, holidays=holidays, workdays=[D(2026, 10, 11)], actor="tests")
    c = cal()
    assert not c.is_working_day(D(2026, 10, 8))
    assert c.is_working_day(D(2026, 10, 11))
    # The package's 9/20 make-up day is not in the loaded table, so it is a weekend again.
    assert not c.is_working_day(D(2026, 9, 20))


def test_loading_bad_data_names_the_field_and_changes_nothing() -> None:
    with pytest.raises(ValidationErrors) as err:
        load_national_year(2027, holidays=[(D(2026, 1, 1), "元旦")], workdays=[D(2027, 1, 6)], actor="tests")
    fields = {d.field: d.code for d in err.value.details}
    assert fields == {"holidays[0]": "DATE_OUTSIDE_YEAR", "workdays[0]": "WORKDAY_NOT_WEEKEND"}
    with pytest.raises(CalendarYearMissing):
        cal().is_working_day(D(2027, 3, 1))


def test_county_closure_and_extra_working_day_shift_deadlines() -> None:
    assert cal().add_working_days(D(2026, 3, 2), 3) == D(2026, 3, 5)
    set_calendar_override(D(2026, 3, 4), "closed", "停电闭厅", actor="tests")
    assert cal().add_working_days(D(2026, 3, 2), 3) == D(2026, 3, 6)
    set_calendar_override(D(2026, 3, 7), "working", "周六加班办理", actor="tests")
    assert cal().add_working_days(D(2026, 3, 5), 2) == D(2026, 3, 7)


def test_overrides_are_per_county(wenling) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    set_calendar_override(D(2026, 3, 4), "closed", "停电闭厅", actor="tests")
    connection.set_tenant(wenling)
    assert not CalendarOverride.objects.exists()
    assert cal().is_working_day(D(2026, 3, 4))


def test_paused_intervals_do_not_count() -> None:
    # 补正 from Tue 3/3 to Wed 3/4: those two working days are skipped.
    paused = [(D(2026, 3, 3), D(2026, 3, 4))]
    assert cal().add_working_days(D(2026, 3, 2), 3, paused) == D(2026, 3, 9)
    assert cal().working_days_between(D(2026, 3, 2), D(2026, 3, 9), paused) == 3


def test_working_days_between_counts_the_end_not_the_start() -> None:
    c = cal()
    assert c.working_days_between(D(2026, 9, 30), D(2026, 10, 13)) == 5
    assert c.working_days_between(D(2026, 10, 13), D(2026, 9, 30)) == -5
    assert c.working_days_between(D(2026, 10, 1), D(2026, 10, 7)) == 0


def test_shifting_backwards_counts_working_days_before() -> None:
    c = cal()
    assert c.shift_working_days(D(2026, 10, 13), -2) == D(2026, 10, 10)  # Mon 10/12, make-up Sat 10/10
    assert c.shift_working_days(D(2026, 10, 8), -1) == D(2026, 9, 30)  # over the National Day week
    assert c.shift_working_days(D(2026, 3, 2), 0) == D(2026, 3, 2)
