"""The county rollup: facts worked by hand from cases made through the real services, an
incremental run that recomputes only the days that changed, and a province query that reads
no county schema (run under a role with no usage on any of them)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from onewindow.platform.accounts.roles import Role
from onewindow.platform.benchmarks.models import CountyTarget, DailyFact, RollupState
from onewindow.platform.benchmarks.selectors import league_table
from onewindow.platform.core import clock
from onewindow.platform.core.tenancy import in_public
from onewindow.tenants.metrics.rollup import roll_up

pytestmark = pytest.mark.django_db
D = dt.date


def _at(moment: str, call: Any) -> Any:
    with clock.frozen_at(moment):
        return call()


def _accepted(moment: str) -> Any:
    from onewindow.tenants.cases.services import accept_case
    from tests.tenants.cases_helpers import receive

    def go() -> Any:
        case = receive()
        return accept_case(case.number, version=case.version, actor="clerk")

    return _at(moment, go)


def _decide(case: Any, moment: str) -> None:
    from onewindow.tenants.cases.services import decide_case

    _at(
        moment,
        lambda: decide_case(
            case.number, version=case.version, approve=True, actor="appr", roles=[Role.APPROVER]
        ),
    )


def _review(moment: str, level: int, ref: str) -> None:
    from onewindow.tenants.reviews.services import submit_visit_review

    _at(moment, lambda: submit_visit_review(ref, window="ZC01", level=level, channel="device", actor=None))


def _facts(county: Any, day: dt.date, key: str = "") -> dict[str, Decimal]:
    return dict(DailyFact.objects.filter(county=county, day=day, key=key).values_list("fact", "value"))


def _seed() -> list[Any]:
    """QY-SL (承诺 1 working day) received and accepted on Monday 2026-11-16 three times."""
    from tests.tenants.cases_helpers import post_approver

    _at("2026-11-13 09:00", lambda: post_approver("appr", "scjg"))  # all of it in the past
    a = _accepted("2026-11-16 10:00")  # due 11-17
    b = _accepted("2026-11-16 10:30")
    c = _accepted("2026-11-16 11:00")
    _decide(a, "2026-11-17 15:00")  # on the due day: on time, not early, 1 working day
    _decide(b, "2026-11-19 15:00")  # late: 3 working days
    _decide(c, "2026-11-16 15:00")  # the same day: early, 0 working days
    for i, level in enumerate((5, 4, 2)):
        _review(f"2026-11-17 1{i}:00", level, f"V{i}")  # the 2 opens a 差评 work order
    return [a, b, c]


def test_facts_worked_by_hand(wushen) -> None:  # type: ignore[no-untyped-def]
    _seed()
    result = _at("2026-11-20 02:00", lambda: roll_up(full=True))
    assert result.full and result.days >= 3
    monday, tuesday, thursday = (
        _facts(wushen, D(2026, 11, 16)),
        _facts(wushen, D(2026, 11, 17)),
        _facts(wushen, D(2026, 11, 19)),
    )
    assert monday["received"] == 3 and monday["received_at_window"] == 3
    assert monday["received_at_comprehensive_window"] == 3  # ZC01 is a 无差别综合窗口
    assert (
        monday["decided"] == 1 and monday["decided_early"] == 1 and "decide_days_sum" not in monday
    )  # zero: no row
    assert tuesday["decided"] == 1 and tuesday["decided_on_time"] == 1 and "decided_early" not in tuesday
    assert tuesday["decide_days_sum"] == 1
    assert thursday["decided"] == 1 and "decided_on_time" not in thursday and thursday["decide_days_sum"] == 3
    assert tuesday["reviews"] == 3 and tuesday["reviews_good"] == 2 and tuesday["reviews_bad"] == 1
    assert tuesday["work_orders_opened"] == 1
    assert _facts(wushen, D(2026, 11, 16), "dept:scjg")["received"] == 3  # the department breakdown
    snapshot = _facts(wushen, D(2026, 11, 20))
    assert snapshot["windows_universal"] > 0 and snapshot["items_total"] > 0
    # targets from the pack, copied for the province: 乌审旗's 全程网办率 85%
    assert CountyTarget.objects.get(county=wushen, metric="online_full_rate").value == 85

    # the metrics of the week 11-16 … 11-22, as the province reads them
    with in_public():
        on_time = league_table("on_time_rate", "week", D(2026, 11, 18), province="内蒙古自治区")
        days = league_table("avg_decide_days", "week", D(2026, 11, 18), province="内蒙古自治区")
        good = league_table("good_review_rate", "week", D(2026, 11, 18), province="内蒙古自治区")
    row = next(r for r in on_time.rows if r.county.code == "150626")
    assert (row.numerator, row.denominator) == (2, 3) and row.scored.value == pytest.approx(2 / 3)
    assert not row.scored.eligible and row.rank is None  # 3 cases: below the minimum sample of 30
    assert next(r for r in days.rows if r.county.code == "150626").scored.value == pytest.approx(4 / 3)
    assert next(r for r in good.rows if r.county.code == "150626").scored.value == pytest.approx(2 / 3)


def test_an_incremental_run_recomputes_only_the_days_that_changed(wushen) -> None:  # type: ignore[no-untyped-def]
    cases = _seed()
    old = _accepted("2026-11-09 10:00")  # received a week earlier, decided later
    _at("2026-11-20 02:00", lambda: roll_up(full=True))
    untouched = set(DailyFact.objects.filter(county=wushen, day=D(2026, 11, 17)).values_list("pk", flat=True))
    before = set(DailyFact.objects.filter(county=wushen, day=D(2026, 11, 9)).values_list("pk", flat=True))

    _decide(old, "2026-11-20 10:00")  # changes 11-09 (its received day) and 11-20 (decided)
    result = _at("2026-11-21 02:00", lambda: roll_up())
    # 11-09, 11-20 and today's snapshot (11-21) — and the real date of the fixture's onboarding
    # events, which are later than this test's frozen clock
    assert not result.full and {D(2026, 11, 9), D(2026, 11, 20), D(2026, 11, 21)} <= set(result.changed)
    assert not {D(2026, 11, 16), D(2026, 11, 17), D(2026, 11, 19)} & set(result.changed)
    assert (
        set(DailyFact.objects.filter(county=wushen, day=D(2026, 11, 17)).values_list("pk", flat=True))
        == untouched
    )
    assert (
        set(DailyFact.objects.filter(county=wushen, day=D(2026, 11, 9)).values_list("pk", flat=True))
        != before
    )
    assert _facts(wushen, D(2026, 11, 20))["decided"] == 1
    assert RollupState.objects.get(county=wushen).last_days == len(result.changed)
    # nothing happened since but the rollup's own event: today's snapshot (and that real date)
    again = _at("2026-11-21 03:00", lambda: roll_up())
    assert D(2026, 11, 21) in again.changed and D(2026, 11, 20) not in again.changed
    assert len(cases) == 3


def test_a_province_query_touches_no_county_schema(wushen) -> None:  # type: ignore[no-untyped-def]
    from django.db import DatabaseError, transaction

    _seed()
    _at("2026-11-20 02:00", lambda: roll_up(full=True))
    with in_public(), connection.cursor() as cursor:
        # a role that may read the public schema and nothing of any county
        cursor.execute("CREATE ROLE ow_province_probe NOLOGIN")
        cursor.execute("GRANT USAGE ON SCHEMA public TO ow_province_probe")
        cursor.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO ow_province_probe")
        cursor.execute("SET ROLE ow_province_probe")
        try:
            table = league_table("on_time_rate", "week", D(2026, 11, 18), province="内蒙古自治区")
            assert any(r.county.code == "150626" and r.denominator == 3 for r in table.rows)
            with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
                cursor.execute("SELECT count(*) FROM county_150626.cases_case")
        finally:
            cursor.execute("RESET ROLE")


def test_the_months_are_summed_from_the_days_and_read_for_a_quarter(wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.platform.benchmarks.models import MonthlyFact

    _seed()
    _at("2026-11-20 02:00", lambda: roll_up(full=True))
    november = dict(
        MonthlyFact.objects.filter(county=wushen, month=D(2026, 11, 1), key="").values_list("fact", "value")
    )
    assert november["received"] == 3 and november["decided"] == 3 and november["decided_on_time"] == 2
    assert "windows_universal" not in november  # stocks have no monthly sum
    with in_public():
        quarter = league_table("on_time_rate", "quarter", D(2026, 11, 18), province="内蒙古自治区")
    row = next(r for r in quarter.rows if r.county.code == "150626")
    assert (row.numerator, row.denominator) == (2, 3)


def test_queue_waits_are_facts_of_the_day_the_tickets_were_called(wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.queueing.models import QueueSettings
    from onewindow.tenants.queueing.services import call_next
    from tests.tenants.queue_helpers import MONDAY, at, take

    target = QueueSettings.objects.get().target_wait_minutes
    take("A", "09:00"), take("A", "09:01")
    with at("09:10"):
        call_next("ZC01", actor="clerk")  # waited 10 minutes
    with at(f"{9 + (target + 5) // 60:02d}:{(1 + target + 5) % 60:02d}"):
        call_next("ZC02", actor="clerk")  # waited the target and five minutes more
    _at(f"{MONDAY} 23:00", lambda: roll_up(full=True))
    day = _facts(wushen, MONDAY)
    assert day["queue_served"] == 2 and day["queue_served_within_target"] == 1
    assert day["queue_wait_minutes_sum"] == 10 + target + 5
