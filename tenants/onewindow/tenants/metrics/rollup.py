"""The county's rollup: its daily facts computed here, in its own schema, and written to the
public aggregates (``benchmarks.DailyFact``) — counts and sums, never a row-level record.

Incremental: a run reads the audit trail since the last run started (with an overlap, since
transactions commit out of order), turns the subjects it names into the days their facts fall
on (``facts.touched_days``), and recomputes those days only. A full run recomputes every day
there is data for. Stocks (the catalog's items, the windows) are snapshotted for today on
every run; earlier days' snapshots are history and are never rewritten.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from onewindow.platform.benchmarks.models import CountyTarget, DailyFact, MonthlyFact, RollupState
from onewindow.platform.core import clock
from onewindow.platform.core.tenancy import active_county
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.metrics.facts import Fact, daily_facts, snapshot, touched_days
from onewindow.tenants.metrics.models import MetricTarget

OVERLAP = dt.timedelta(minutes=10)
ROLLED_UP = "metrics.rolled_up"
# the audit subjects whose changes move a day's facts (facts.touched_days maps them to days;
# a reminder's day is the day its event was recorded)
FACT_SUBJECTS = ("Case", "Review", "WorkOrder", "FallbackCase", "Ticket", "Watch")
SNAPSHOT_FACTS = ("items_total", "items_fully_online", "windows_universal", "windows_comprehensive")
TZ = clock.COUNTY_TZ


@dataclass(frozen=True)
class RollupResult:
    full: bool
    days: int  # days recomputed
    facts: int  # rows written
    seconds: float
    changed: tuple[dt.date, ...] = ()  # an incremental run's days, today's snapshot included


def _changed_days(since: dt.datetime) -> set[dt.date]:
    # Only what facts are counted from: a pack edit, a login or the rollup's own event changes
    # no day's flows (the catalog and the windows are today's snapshot, taken on every run).
    events = list(
        AuditEvent.objects.filter(occurred_at__gte=since, subject_type__in=FACT_SUBJECTS)
        .exclude(action=ROLLED_UP)
        .values_list("occurred_at", "subject_type", "subject_id")
    )
    days = {at.astimezone(TZ).date() for at, _, _ in events}
    return days | touched_days((kind, ident) for _, kind, ident in events)


def _replace(county_id: int, rows: list[Fact], days: set[dt.date] | None, today: dt.date) -> None:
    """Delete the facts being recomputed and write the new ones: plain SQL and COPY (a county's
    year is some ten thousand rows; the ORM would build a model for each)."""
    table = f"public.{DailyFact._meta.db_table}"  # the public aggregates, whatever the search path
    with connection.cursor() as cursor:
        flows = f"DELETE FROM {table} WHERE county_id = %s AND NOT (fact = ANY(%s))"
        if days is None:
            cursor.execute(flows, [county_id, list(SNAPSHOT_FACTS)])
        elif days:
            cursor.execute(flows + " AND day = ANY(%s)", [county_id, list(SNAPSHOT_FACTS), sorted(days)])
        cursor.execute(
            f"DELETE FROM {table} WHERE county_id = %s AND fact = ANY(%s) AND day = %s",
            [county_id, list(SNAPSHOT_FACTS), today],
        )
        with cursor.copy(f"COPY {table} (county_id, day, fact, key, value) FROM STDIN") as copy:
            for day, fact, key, value in rows:
                copy.write_row((county_id, day, fact, key, value))
        if days is not None and not days:
            return  # no flow changed: the months stand
        # the months those days fall in, summed again from the days
        months = f"public.{MonthlyFact._meta.db_table}"
        where = "county_id = %s AND NOT (fact = ANY(%s))"
        params: list[Any] = [county_id, list(SNAPSHOT_FACTS)]
        if days is not None:
            where += " AND date_trunc('month', {col})::date = ANY(%s)"
            params.append(sorted({d.replace(day=1) for d in days}))
        cursor.execute(f"DELETE FROM {months} WHERE " + where.format(col="month"), params)
        cursor.execute(
            f"INSERT INTO {months} (county_id, month, fact, key, value)"
            f" SELECT county_id, date_trunc('month', day)::date, fact, key, sum(value) FROM {table}"
            " WHERE " + where.format(col="day") + " GROUP BY 1, 2, 3, 4",
            params,
        )


def _copy_targets(county_id: int) -> None:
    """The county's targets, as the province reads them (rewritten only when they changed)."""
    wanted = {t.code: Decimal(str(t.target)) for t in MetricTarget.objects.live()}
    held = dict(CountyTarget.objects.filter(county_id=county_id).values_list("metric", "value"))
    if wanted == held:
        return
    CountyTarget.objects.filter(county_id=county_id).delete()
    CountyTarget.objects.bulk_create(
        [CountyTarget(county_id=county_id, metric=m, value=v) for m, v in wanted.items()]
    )


def roll_up(*, full: bool = False, actor: object | None = None) -> RollupResult:
    """Recompute the active county's facts (the changed days, or all of them) and its targets."""
    county = active_county()
    started = clock.now()
    clock_started = time.monotonic()
    with transaction.atomic():
        # one run at a time for a county: the nightly one and an operator's 立即汇总 take turns
        state, _ = RollupState.objects.select_for_update().get_or_create(county_id=county.pk)
        last = state.last_started_at
        full = full or last is None
        days = None if full or last is None else _changed_days(last - OVERLAP)
        rows = daily_facts(days) if full or days else []
        today = clock.today()
        rows += snapshot(today)
        _replace(county.pk, rows, None if full else days or set(), today)
        _copy_targets(county.pk)
        recomputed = len({d for d, _, _, _ in rows}) if full else len((days or set()) | {today})
        seconds = round(time.monotonic() - clock_started, 3)
        state.last_started_at = started
        state.last_finished_at = clock.now()
        state.last_days = recomputed
        state.last_seconds = seconds
        if full:
            state.last_full_at = started
        state.save()
        record_event(
            ROLLED_UP,
            "DailyFact",
            actor=actor,
            data={"full": full, "days": recomputed, "facts": len(rows)},
        )
    changed = () if full else tuple(sorted((days or set()) | {today}))
    return RollupResult(full, recomputed, len(rows), seconds, changed)
