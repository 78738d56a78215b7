"""Benchmark: onboarding counties by template clone, and the no-op `migrate` check.

    python3 -m uv run python tests/perf/bench_onboarding.py [--counties 20]

Uses a scratch database (``onewindow_bench``) on the configured server (``DATABASE_URL``, or
the embedded one) and drops it afterwards. Prints numbers, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from urllib.parse import urlsplit, urlunsplit


def scratch_url() -> str:
    from onewindow.platform import embedded

    base = os.environ.get("DATABASE_URL") or embedded.postgres_url()
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path="/onewindow_bench"))


def recreate(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS onewindow_bench WITH (FORCE)")
        conn.execute("CREATE DATABASE onewindow_bench")


def drop(url: str) -> None:
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS onewindow_bench WITH (FORCE)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counties", type=int, default=20)
    args = parser.parse_args()

    os.environ.setdefault("ONEWINDOW_TESTING", "1")
    url = scratch_url()
    recreate(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "onewindow.platform.settings"
    import django

    django.setup()
    from django.db import connection

    from onewindow.platform.counties.models import County
    from onewindow.platform.counties.schemas import migrate_all, pending_by_schema
    from onewindow.platform.counties.services import ensure_platform_tenant, onboard_county

    try:
        started = time.monotonic()
        migrate_all(progress=lambda _m: None)
        print(f"first migrate (public + template):      {time.monotonic() - started:7.2f} s")
        ensure_platform_tenant()

        timings = []
        for i in range(args.counties):
            started = time.monotonic()
            onboard_county(f"{990000 + i}", f"基准县{i}", "基准省", actor="bench")
            timings.append(time.monotonic() - started)
        print(
            f"onboard one county (n={args.counties}):       median {statistics.median(timings):.3f} s, "
            f"max {max(timings):.3f} s"
        )

        schemas = list(County.objects.counties().values_list("schema_name", flat=True))
        started = time.monotonic()
        pending = pending_by_schema(schemas)
        print(
            f"pending check over {len(schemas)} schemas:       {time.monotonic() - started:7.3f} s "
            f"({sum(pending.values())} pending)"
        )
        started = time.monotonic()
        migrate_all(progress=lambda _m: None)
        print(f"no-op `onewindow migrate`:              {time.monotonic() - started:7.3f} s")
    finally:
        connection.close()
        drop(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
