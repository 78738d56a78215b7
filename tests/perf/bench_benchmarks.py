"""Benchmark: the cross-county rollup and the league table (issue 13).

    python3 -m uv run python tests/perf/bench_benchmarks.py [--counties 500] [--cases 10000]
        [--processes 2] [--rounds 20]

A scratch database (``scratch_county()``): one county onboarded from its preset and filled in
bulk with ``--cases`` cases received over a year (with reviews, 差评 work orders and 办不成事,
as ``bench_dashboard`` makes them), then copied into ``--counties`` − 1 more county schemas
(django-tenants' ``clone_schema`` with the rows). Then:

- the **full rollup**: every county computes its facts in its own schema and writes the
  aggregates to the public tables, ``--processes`` counties at a time (what the Celery fan-out
  does with that many workers); the time, and the rows written;
- the **peer baseline**: the same per-county, per-day totals (cases received and decided, on
  time) by one ``UNION ALL`` across every schema, the usual django-tenants answer;
- an **incremental run** after a day's changes in every county (a tenth of the counties get
  20 decisions and 10 reviews today; the rest nothing): time and days recomputed, against the
  full run (target ≤ 1/10);
- the **league table** (one metric, a year and a quarter, every county) read from the public
  aggregates: median of ``--rounds`` runs (target ≤ 200 ms at 500 counties × 365 days).
Prints numbers; targets: full rollup ≤ 5 min at 500 × 10,000.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))
from bench_onboarding import scratch_county

SOURCE = "county_150626"


def _codes(n: int) -> list[str]:
    # 6-digit codes that exist nowhere else: 9xxxxx (no province has a 9 prefix)
    return [f"9{i:05d}" for i in range(1, n)]


def _clone(counties: int) -> float:
    """``counties`` − 1 copies of the filled county: each table created LIKE the source's (with
    its indexes, defaults and identity) and filled from it. Much faster than django-tenants'
    PL/pgSQL ``clone_schema`` once hundreds of schemas exist; foreign keys are left out (the
    copies are read, and written only by the rollup's own tables)."""
    from django.db import connection
    from psycopg import sql

    from onewindow.platform.counties.models import County

    started = time.perf_counter()
    provinces = ["内蒙古自治区", "浙江省", "河南省", "山西省", "河北省"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", [SOURCE])
        tables = [t for (t,) in cursor.fetchall()]
        rows = []
        for i, code in enumerate(_codes(counties)):
            target = f"county_{code}"
            statements = [sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(target))]
            for table in tables:
                src, dst = sql.Identifier(SOURCE, table), sql.Identifier(target, table)
                statements.append(sql.SQL("CREATE TABLE {} (LIKE {} INCLUDING ALL)").format(dst, src))
                statements.append(sql.SQL("INSERT INTO {} SELECT * FROM {}").format(dst, src))
                # the copied identity starts at 1: move it past the copied rows
                statements.append(
                    sql.SQL(
                        "SELECT setval(pg_get_serial_sequence({}, 'id'), coalesce(max(id), 0) + 1, false) FROM {}"
                    ).format(sql.Literal(f'"{target}"."{table}"'), dst)
                )
            cursor.execute(sql.SQL("; ").join(statements).as_string(cursor.connection))
            rows.append(
                County(schema_name=target, code=code, name=f"基准县{i + 2}", province=provinces[i % 5])
            )
            if (i + 1) % 50 == 0:
                print(f"  … {i + 1} schemas copied in {time.perf_counter() - started:.0f}s", flush=True)
    County.objects.bulk_create(rows, batch_size=500)
    return time.perf_counter() - started


def _roll_up_some(args: tuple[list[str], bool]) -> tuple[int, int, float]:
    """In a worker process: roll up these counties (full or incremental); (days, rows, seconds)."""
    codes, full = args
    import django

    django.setup()
    from django.db import connection

    from onewindow.platform.core.tenancy import dangerously_in_county
    from onewindow.platform.counties.models import County
    from onewindow.tenants.metrics.rollup import roll_up

    connection.close()
    days = rows = 0
    started = time.perf_counter()
    for county in County.objects.filter(code__in=codes):
        with dangerously_in_county(county):
            result = roll_up(full=full, actor="bench")
        days, rows = days + result.days, rows + result.facts
    connection.close()
    return days, rows, time.perf_counter() - started


def _rollup_all(codes: list[str], processes: int, *, full: bool) -> tuple[float, int, int]:
    from django.db import connection

    connection.close()  # the children open their own
    chunks = [codes[i::processes] for i in range(processes)]
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        results = pool.map(_roll_up_some, [(chunk, full) for chunk in chunks])
    return time.perf_counter() - started, sum(r[0] for r in results), sum(r[1] for r in results)


def _union_all(schemas: list[str]) -> float:
    """The peer baseline: per county and day, cases received / decided / on time, by one
    UNION ALL over every county schema."""
    from django.db import connection
    from psycopg import sql

    parts = [
        sql.SQL(
            "SELECT {name}::text AS county, (received_at AT TIME ZONE 'Asia/Shanghai')::date AS day,"
            " count(*) AS received, count(decided_at) AS decided,"
            " count(*) FILTER (WHERE decided_at IS NOT NULL AND (due_on IS NULL"
            " OR (decided_at AT TIME ZONE 'Asia/Shanghai')::date <= due_on)) AS on_time"
            " FROM {s}.cases_case WHERE parent_id IS NULL GROUP BY 2"
        ).format(name=sql.Literal(s), s=sql.Identifier(s))
        for s in schemas
    ]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL(" UNION ALL ").join(parts).as_string(cursor.connection))
        rows = cursor.fetchall()
    assert rows
    return time.perf_counter() - started


def _changes(codes: list[str], rng: random.Random) -> int:
    """A day's work in a tenth of the counties: 20 decisions and 10 reviews each, today."""
    from onewindow.platform.core import clock
    from onewindow.platform.core.tenancy import dangerously_in_county
    from onewindow.platform.counties.models import County
    from onewindow.tenants.audit.models import AuditEvent
    from onewindow.tenants.cases.models import Case, CaseStatus
    from onewindow.tenants.reviews.models import Review

    now = clock.now()
    touched = 0
    for county in County.objects.filter(code__in=codes[:: max(1, 10)]):
        with dangerously_in_county(county):
            open_cases = list(Case.objects.filter(status=CaseStatus.ACCEPTED)[:20])
            for case in open_cases:
                case.status, case.decided_at = CaseStatus.APPROVED, now
            Case.objects.bulk_update(open_cases, ["status", "decided_at"])
            reviewed = Review.objects.filter(case__isnull=False).values("case_id")
            decided = list(Case.objects.filter(decided_at__isnull=False).exclude(pk__in=reviewed)[:10])
            Review.objects.bulk_create(
                Review(
                    case=c,
                    window_id=c.window_id,
                    level=rng.choice([5, 4, 1]),
                    channel="device",
                    created_at=now,
                )
                for c in decided
            )
            AuditEvent.objects.bulk_create(
                AuditEvent(occurred_at=now, action="case.decided", subject_type="Case", subject_id=str(c.pk))
                for c in open_cases
            )
            touched += 1
    return touched


def _league(rounds: int) -> dict[str, float]:
    from onewindow.platform.benchmarks.selectors import league_table
    from onewindow.platform.core import clock
    from onewindow.platform.core.tenancy import in_public

    found = {}
    for period in ("year", "quarter"):
        times = []
        with in_public():
            for _ in range(rounds):
                started = time.perf_counter()
                table = league_table("on_time_rate", period, clock.today())
                times.append(time.perf_counter() - started)
        assert table.rows
        found[period] = statistics.median(times)
        found[f"{period}_rows"] = len(table.rows)
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counties", type=int, default=500)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with scratch_county() as county:
        _measure(county, args)
    return 0


def _measure(county: Any, args: argparse.Namespace) -> None:
    from bench_dashboard import _fill
    from django.db import connection

    from onewindow.platform.benchmarks.models import DailyFact

    rng = random.Random(13)
    connection.set_tenant(county)
    started = time.perf_counter()
    _fill(args.cases, 0, rng, 1.0)
    connection.set_schema_to_public()
    print(
        f"one county: {args.cases} cases made in bulk in {time.perf_counter() - started:.1f}s",
        flush=True,
    )
    cloned = _clone(args.counties)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{args.counties - 1} more county schemas cloned with their rows in {cloned:.1f}s", flush=True)
    codes = ["150626", *_codes(args.counties)]

    full, days, rows = _rollup_all(codes, args.processes, full=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE benchmarks_dailyfact")
    print(
        f"full rollup: {len(codes)} counties x {args.cases} cases in {full:.1f}s with {args.processes}"
        f" processes ({full / len(codes) * args.processes:.2f}s a county), {days} county-days, {rows} rows"
        f" (target <= 300 s); public facts now {DailyFact.objects.count()} rows"
    )
    schemas = [f"county_{c}" for c in codes]
    union = _union_all(schemas)
    print(
        f"peer baseline (one UNION ALL over {len(schemas)} schemas, 3 totals a day): {union:.1f}s", flush=True
    )

    touched = _changes(codes, rng)
    incremental, days, rows = _rollup_all(codes, args.processes, full=False)
    print(
        f"incremental rollup after a day's changes in {touched} counties: {incremental:.1f}s,"
        f" {days} county-days, {rows} rows; {incremental / full:.3f} of the full run (target <= 0.1)"
    )
    league = _league(args.rounds)
    print(
        f"league table over {league['year_rows']} counties: a year {league['year'] * 1000:.0f} ms,"
        f" a quarter {league['quarter'] * 1000:.0f} ms (median of {args.rounds}; target <= 200 ms)"
    )


if __name__ == "__main__":
    sys.exit(main())
