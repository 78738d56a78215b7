"""A database with hundreds of counties, made once and reused by the scale benchmarks (issue 18).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ow_scale \\
        python3 -m uv run python tests/perf/scale_db.py [--counties 500]

Creates the database named in ``DATABASE_URL`` if it is missing, migrates it, and onboards
counties from the three presets (codes 8xxxxx, through the product's own path, spare schemas
off so each one runs the template's DDL) until ``--counties`` exist; a line every 50 with the
median onboarding time of those 50 (the curve shows whether onboarding stays flat). Run again
to add more; nothing is dropped (``bench_scale.py --drop`` does).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from urllib.parse import urlsplit, urlunsplit

PRESETS = (("wushen", "内蒙古自治区"), ("wenling", "浙江省"), ("tongxu", "河南省"))


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not urlsplit(url).path.strip("/"):
        sys.exit("DATABASE_URL must name the benchmark's own database, e.g. …/ow_scale")
    return url


def ensure_database(url: str) -> None:
    import psycopg

    name = urlsplit(url).path.strip("/")
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    name = urlsplit(url).path.strip("/")
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django() -> None:
    os.environ.setdefault("ONEWINDOW_TESTING", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.platform.project.settings")
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)


def bench_code(i: int) -> str:
    return f"8{i:05d}"


def fill(counties: int, *, progress: bool = True, first: int = 0) -> None:
    """Migrate, then onboard from the presets until ``counties`` counties exist."""
    from django.conf import settings

    from onewindow.platform.catalog.services import ensure_example_catalogs
    from onewindow.platform.counties.models import County
    from onewindow.platform.counties.schemas import migrate_all
    from onewindow.platform.counties.services import ensure_platform_tenant
    from onewindow.platform.onboarding.services import onboard_now

    settings.COUNTY_SPARE_SCHEMAS = 0  # the filler runs the DDL: the flat-curve figure
    migrate_all(progress=lambda _m: None)
    ensure_platform_tenant()
    ensure_example_catalogs()
    present = County.objects.counties().count()
    times: list[float] = []
    i = first
    while present < counties:
        i += 1
        code = bench_code(i)
        if County.objects.filter(code=code).exists():
            continue
        preset, province = PRESETS[i % 3]
        started = time.monotonic()
        job = onboard_now(code, f"基准县{i}", province, preset=preset, actor="bench")
        assert job.status == "ready", job.errors
        times.append(time.monotonic() - started)
        present = County.objects.counties().count()  # another filler may be running (--first)
        if progress and (present % 50 == 0 or present == counties):
            print(
                f"{present:>4} counties: onboarding (DDL, no spare) median {statistics.median(times):.3f} s, "
                f"max {max(times):.3f} s over the last {len(times)}",
                flush=True,
            )
            times = []


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counties", type=int, default=500)
    parser.add_argument("--first", type=int, default=0, help="start the codes here (a second filler)")
    args = parser.parse_args()
    url = database_url()
    ensure_database(url)
    setup_django()
    started = time.monotonic()
    fill(args.counties, first=args.first)
    print(
        f"ready: {args.counties} counties in {urlsplit(url).path.strip('/')} ({time.monotonic() - started:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
