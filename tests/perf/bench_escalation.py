"""Benchmark: one escalation dispatcher pass over many counties with many open subjects.

    python3 -m uv run python tests/perf/bench_escalation.py [--counties 100] [--open 5000] [--due 0.01]

Each county is onboarded from the 乌审旗 preset (its 三级提醒 chain), then given ``--open``
watched subjects of which ``--due`` are due now. The pass runs every county's scan, as the
fanned-out tasks would; the figures: total time, per county, and the SQL per county.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from bench_onboarding import drop, recreate, scratch_url


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--open", type=int, default=5000)
    parser.add_argument("--due", type=float, default=0.01)
    args = parser.parse_args()
    os.environ.setdefault("ONEWINDOW_TESTING", "1")
    url = scratch_url()
    recreate(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "onewindow.platform.project.settings"
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_tenants.utils import tenant_context

    from onewindow.platform.catalog.services import ensure_example_catalogs
    from onewindow.platform.core import clock
    from onewindow.platform.counties.models import County
    from onewindow.platform.counties.schemas import migrate_all
    from onewindow.platform.counties.services import ensure_platform_tenant
    from onewindow.platform.counties.tasking import fan_out_to_counties
    from onewindow.platform.onboarding.services import onboard_now
    from onewindow.tenants.escalation.models import ChainVersion, Firing, Watch
    from onewindow.tenants.escalation.services import scan
    from onewindow.tenants.escalation.tasks import scan_county

    try:
        migrate_all(progress=lambda _m: None)
        ensure_platform_tenant()
        ensure_example_catalogs()
        started = time.monotonic()
        now = clock.now()
        due_count = int(args.open * args.due)
        for i in range(args.counties):
            onboard_now(f"{700000 + i}", f"基准县{i}", "内蒙古自治区", preset="wushen", actor="bench")
            with tenant_context(County.objects.get(code=f"{700000 + i}")):
                version = ChainVersion.objects.get(chain__subject="case")  # the 三级提醒 chain
                today = now.astimezone(clock.COUNTY_TZ).date()
                Watch.objects.bulk_create(
                    [
                        Watch(
                            version=version,
                            subject_type="Case",
                            subject_id=str(n),
                            subject_label=f"办件 {n}",
                            started_on=today - dt.timedelta(days=1),
                            deadline_on=today
                            + (dt.timedelta(days=1) if n < due_count else dt.timedelta(days=30)),
                            # the due ones: level 0 (two working days before the deadline) has passed
                            next_due_at=now - dt.timedelta(minutes=5)
                            if n < due_count
                            else now + dt.timedelta(days=20),
                        )
                        for n in range(args.open)
                    ],
                    batch_size=2000,
                )
        print(
            f"set-up: {args.counties} counties × {args.open} open subjects ({due_count} due each) "
            f"in {time.monotonic() - started:.0f} s"
        )

        started = time.monotonic()
        with clock.frozen_at(now):
            fanned = fan_out_to_counties(scan_county)  # what beat runs: one message per county
        print(
            f"dispatcher fan-out:      {fanned} tasks enqueued in {(time.monotonic() - started) * 1000:.0f} ms"
        )

        per_county, queries = [], []
        total_started = time.monotonic()
        for county in County.objects.counties().order_by("code"):
            connection.queries_log.clear()  # the log keeps 9,000 statements: count per county
            with tenant_context(county), CaptureQueriesContext(connection) as ctx:
                started = time.monotonic()
                scan(now)
                per_county.append(time.monotonic() - started)
            queries.append(len(ctx.captured_queries))
        total = time.monotonic() - total_started
        with tenant_context(County.objects.counties().order_by("code").first()):
            fired = Firing.objects.count()
        print(
            f"scans (one pass):        {total:.2f} s for {len(per_county)} counties; "
            f"per county median {statistics.median(per_county) * 1000:.0f} ms, max {max(per_county) * 1000:.0f} ms"
        )
        print(
            f"SQL per county:          median {statistics.median(queries):.0f} statements "
            f"for {fired} firings ({statistics.median(queries) / max(fired, 1):.1f} per firing, "
            "including SET search_path)"
        )
        with (
            tenant_context(County.objects.counties().order_by("code").first()),
            CaptureQueriesContext(connection) as ctx,
        ):
            scan(now)
        print(f"an idle rescan:          {len(ctx.captured_queries)} statements (nothing due)")
    finally:
        connection.close()
        drop(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
