"""Benchmark: onboarding a county (template clone + preset pack + admin) with 50 and 200
counties already present, and the no-op `migrate` check over all of them.

    python3 -m uv run python tests/perf/bench_onboarding.py [--present 50 200] [--samples 10]

Uses a scratch database (``onewindow_bench``) on the configured server (``DATABASE_URL``, or
the embedded one) and drops it afterwards. Prints numbers, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit


def scratch_url() -> str:
    from onewindow.platform.project import embedded

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


@contextmanager
def scratch_county(
    code: str = "150626", name: str = "乌审旗", province: str = "内蒙古自治区"
) -> Iterator[Any]:
    """A scratch database with Django set up, the platform migrated and one county onboarded
    from its preset (乌审旗 by default); dropped afterwards. Yields the ``County``."""
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

    from onewindow.platform.catalog.services import ensure_example_catalogs
    from onewindow.platform.counties.models import County
    from onewindow.platform.counties.schemas import migrate_all
    from onewindow.platform.counties.services import ensure_platform_tenant
    from onewindow.platform.onboarding.services import onboard_now
    from onewindow.tenants.policy.presets import SEED_PRESETS

    try:
        migrate_all(progress=lambda _m: None)
        ensure_platform_tenant()
        ensure_example_catalogs()
        onboard_now(code, name, province, preset=SEED_PRESETS[code], actor="bench")
        yield County.objects.get(code=code)
    finally:
        connection.close()
        drop(url)


def drop(url: str) -> None:
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS onewindow_bench WITH (FORCE)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--present", type=int, nargs="+", default=[50, 200], help="counties already present")
    parser.add_argument("--samples", type=int, default=10, help="counties onboarded (timed) at each level")
    args = parser.parse_args()

    os.environ.setdefault("ONEWINDOW_TESTING", "1")
    url = scratch_url()
    recreate(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "onewindow.platform.project.settings"
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)
    from django.db import connection

    from onewindow.platform.catalog.services import ensure_example_catalogs
    from onewindow.platform.counties.models import County
    from onewindow.platform.counties.schemas import migrate_all, pending_by_schema
    from onewindow.platform.counties.services import ensure_platform_tenant, onboard_county
    from onewindow.platform.onboarding.services import onboard_now

    next_code = iter(range(600000, 700000))
    try:
        started = time.monotonic()
        migrate_all(progress=lambda _m: None)
        print(f"first migrate (public + template):        {time.monotonic() - started:7.2f} s")
        ensure_platform_tenant()
        ensure_example_catalogs()
        presets = ["wushen", "wenling", "tongxu"]
        provinces = {"wushen": "内蒙古自治区", "wenling": "浙江省", "tongxu": "河南省"}
        for level in sorted(args.present):
            while County.objects.counties().count() < level:  # filler counties (template clone only)
                onboard_county(str(next(next_code)), "填充县", "基准省", actor="bench")
            clones, full = [], []
            for i in range(args.samples):
                started = time.monotonic()
                onboard_county(str(next(next_code)), "基准县", "基准省", actor="bench")
                clones.append(time.monotonic() - started)
                preset = presets[i % 3]
                started = time.monotonic()
                job = onboard_now(
                    str(next(next_code)), f"基准县{i}", provinces[preset], preset=preset, actor="bench"
                )
                full.append(time.monotonic() - started)
                assert job.status == "ready", job.errors
            present = County.objects.counties().count()
            print(
                f"with {level:>4} present: onboard from a preset median {statistics.median(full):.3f} s "
                f"(max {max(full):.3f}); template clone alone median {statistics.median(clones):.3f} s "
                f"[n={args.samples}, now {present} counties]"
            )
        schemas = list(County.objects.counties().values_list("schema_name", flat=True))
        started = time.monotonic()
        pending = pending_by_schema(schemas)
        print(
            f"pending check over {len(schemas)} schemas:          {time.monotonic() - started:7.3f} s "
            f"({sum(pending.values())} pending)"
        )
        started = time.monotonic()
        migrate_all(progress=lambda _m: None)
        print(f"no-op `onewindow migrate`:                {time.monotonic() - started:7.3f} s")
    finally:
        connection.close()
        drop(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
