"""Benchmarks at 500 counties on a real PostgreSQL server (issue 18): onboarding, migrations,
the escalation pass, memory and ``onewindow up`` start-up.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ow_scale \\
        python3 -m uv run python tests/perf/scale_db.py --counties 500     # once; reused
    DATABASE_URL=… python3 -m uv run python tests/perf/bench_scale.py onboarding migrate \\
        escalation memory up [--samples 10] [--open 5000] [--due 0.01] [--workers 2]

The database named in ``DATABASE_URL`` is the benchmark's own: ``scale_db.py`` fills it once and
every section leaves it as it found it (``--drop`` drops it at the end). Prints numbers:

- ``onboarding``: counties onboarded from the presets with that many present, median and max,
  from a spare schema (the pool refilled between samples, as the background task does) and
  from the DDL (no spare left); then the DDL alone in this database and in a fresh one with no
  county, interleaved (flat means equal);
- ``migrate``: a no-op ``onewindow migrate``; then a demo migration (a column with a default and
  an index on ``cases_case``, from a temporary app — never in the product's migrations) across
  every county, in parallel, with one county made to fail in the middle; the rerun resumes
  with that county only; the demo is rolled back afterwards;
- ``escalation``: every county gets ``--open`` watched subjects with ``--due`` due (once; kept),
  then one dispatcher pass over all counties on ``--workers`` processes (what as many Celery
  workers do with the fanned-out tasks): the pass time, per county, and SQL statements per
  firing (including ``SET search_path``);
- ``memory``: RSS of one process serving GraphQL requests for 100 different counties (what a
  gunicorn worker does), and of one running the scan task for every county (a Celery worker);
- ``up``: ``onewindow up`` from start until ``/readyz`` answers 200, with every county present.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, os.path.dirname(__file__))
from scale_db import PRESETS, database_url, drop_database, ensure_database, setup_django

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _onewindow(*args: str, env: dict[str, str] | None = None, timeout: float = 3600) -> tuple[float, str]:
    started = time.monotonic()
    result = subprocess.run(
        [str(BIN / "onewindow"), *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    return time.monotonic() - started, result.stdout + result.stderr + f"\n(exit {result.returncode})"


def _counties() -> list[Any]:
    from onewindow.platform.counties.models import County

    return list(County.objects.active().order_by("code"))


# --- onboarding -----------------------------------------------------------------------------------


def bench_onboarding(samples: int) -> None:
    from django.conf import settings

    from onewindow.platform.counties.blueprint import refill_spares
    from onewindow.platform.counties.models import County, OnboardingJob
    from onewindow.platform.onboarding.services import onboard_now

    present = County.objects.counties().count()
    codes = [f"79{i:04d}" for i in range(2 * samples)]
    County.objects.filter(code__in=codes).delete()  # a run stopped half-way
    spare, ddl = [], []
    try:
        for i, code in enumerate(codes):
            from_spare = i < samples
            settings.COUNTY_SPARE_SCHEMAS = 1 if from_spare else 0
            if from_spare:
                refill_spares(1)  # the background task's work, between two onboardings
            preset, province = PRESETS[i % 3]
            started = time.monotonic()
            job = onboard_now(code, f"样本县{i}", province, preset=preset, actor="bench")
            (spare if from_spare else ddl).append(time.monotonic() - started)
            assert job.status == "ready", job.errors
        for label, times in (("from a spare schema", spare), ("from the DDL (no spare)", ddl)):
            print(
                f"onboarding with {present} present, {label}: median {statistics.median(times):.3f} s, "
                f"max {max(times):.3f} s [n={len(times)}]",
                flush=True,
            )
    finally:
        for county in County.objects.filter(code__in=codes):
            county.delete(force_drop=True)
        OnboardingJob.objects.filter(code__in=codes).delete()
        settings.COUNTY_SPARE_SCHEMAS = 0
        refill_spares(0)
    _ddl_flat(present)


def _ddl_flat(present: int) -> None:
    """The template's DDL run here and in a database with no county, alternately."""
    import psycopg
    from django.conf import settings

    from onewindow.platform.counties.blueprint import rename_schema, template_ddl

    ddl = rename_schema(template_ddl(), settings.TENANT_BASE_SCHEMA, "county_ddl_probe")
    here = database_url()
    empty = urlunsplit(urlsplit(here)._replace(path=urlsplit(here).path + "_empty"))
    ensure_database(empty)
    _onewindow("migrate", env={"DATABASE_URL": empty, "ONEWINDOW_SPARE_SCHEMAS": "0"})
    times: dict[str, list[float]] = {"here": [], "empty": []}
    for _ in range(3):
        for label, url in (("here", here), ("empty", empty)):
            with psycopg.connect(url, autocommit=True) as conn:
                started = time.monotonic()
                with conn.transaction():
                    conn.execute(ddl.encode())
                times[label].append(time.monotonic() - started)
                conn.execute("DROP SCHEMA county_ddl_probe CASCADE")
    drop_database(empty)
    print(
        f"the template's DDL alone: median {statistics.median(times['here']):.3f} s with {present} counties, "
        f"{statistics.median(times['empty']):.3f} s with none [n=3 each, interleaved]",
        flush=True,
    )


# --- migrations -----------------------------------------------------------------------------------

DEMO_APP = "scaledemo"
DEMO_MIGRATION = """
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "__LATEST__")]
    operations = [
        migrations.RunSQL(
            "ALTER TABLE cases_case ADD COLUMN scale_demo_note varchar(20) NOT NULL DEFAULT '';"
            "CREATE INDEX scale_demo_note_idx ON cases_case (scale_demo_note);",
            "DROP INDEX scale_demo_note_idx; ALTER TABLE cases_case DROP COLUMN scale_demo_note;",
        )
    ]
"""


def _demo_app(folder: Path) -> dict[str, str]:
    """A temporary tenant app with the demo migration, and the settings module that adds it."""
    from django.db.migrations.loader import MigrationLoader

    latest = max(name for app, name in MigrationLoader(None).graph.leaf_nodes() if app == "cases")
    package = folder / DEMO_APP
    (package / "migrations").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "migrations" / "__init__.py").write_text("")
    (package / "migrations" / "0001_demo.py").write_text(DEMO_MIGRATION.replace("__LATEST__", latest))
    (folder / "scaledemo_settings.py").write_text(
        textwrap.dedent(f"""
        from onewindow.platform.project.settings import *  # noqa: F403
        TENANT_APPS = [*TENANT_APPS, "{DEMO_APP}"]  # noqa: F405
        INSTALLED_APPS = [*INSTALLED_APPS, "{DEMO_APP}"]  # noqa: F405
        """)
    )
    return {
        "PYTHONPATH": f"{folder}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        "DJANGO_SETTINGS_MODULE": "scaledemo_settings",
    }


def bench_migrate() -> None:
    from django.conf import settings
    from django.db import connection

    seconds, out = _onewindow("migrate")  # makes the spare schemas the onboarding section used up
    assert "(exit 0)" in out, out
    seconds, out = _onewindow("migrate")
    print(f"no-op `onewindow migrate` over {len(_counties())} counties: {seconds:.2f} s", flush=True)
    assert "(exit 0)" in out, out
    started = time.monotonic()
    _onewindow("--help")
    print(
        f"  (for comparison, `onewindow --help`, Python start-up alone: {time.monotonic() - started:.2f} s)"
    )
    schemas = [c.schema_name for c in _counties()]
    broken = schemas[len(schemas) // 2]
    with connection.cursor() as cursor:  # the index exists already there: its migration fails
        cursor.execute(f"CREATE INDEX scale_demo_note_idx ON {broken}.cases_case (id)")
    with tempfile.TemporaryDirectory() as folder:
        env = _demo_app(Path(folder))
        try:
            seconds, out = _onewindow("migrate", env=env)
            progress = [line for line in out.splitlines() if "个县已迁移" in line]
            print(
                f"demo migration (column with a default + index on cases_case) across {len(schemas)} "
                f"counties on {settings.TENANT_MULTIPROCESSING_MAX_PROCESSES} processes, {broken} failing: "
                f"{seconds:.1f} s; {len(progress)} progress lines, last: {progress[-1] if progress else '-'}",
                flush=True,
            )
            assert "(exit 1)" in out and broken in out, out[-3000:]
            with connection.cursor() as cursor:
                cursor.execute(f"DROP INDEX {broken}.scale_demo_note_idx")
            seconds, out = _onewindow("migrate", env=env)
            print(f"rerun (resumes with {broken} only): {seconds:.1f} s", flush=True)
            assert "(exit 0)" in out and f"1/{len(schemas)} 个县有迁移待执行: {broken}" in out, out[-3000:]
        finally:
            with connection.cursor() as cursor:
                for schema in schemas:
                    cursor.execute(f"DROP INDEX IF EXISTS {schema}.scale_demo_note_idx")
                    cursor.execute(f"ALTER TABLE {schema}.cases_case DROP COLUMN IF EXISTS scale_demo_note")
                    cursor.execute(f"DELETE FROM {schema}.django_migrations WHERE app = %s", [DEMO_APP])
                cursor.execute(
                    f"DELETE FROM {settings.TENANT_BASE_SCHEMA}.django_migrations WHERE app = %s", [DEMO_APP]
                )
                cursor.execute(f"DROP INDEX IF EXISTS {settings.TENANT_BASE_SCHEMA}.scale_demo_note_idx")
                cursor.execute(
                    f"ALTER TABLE {settings.TENANT_BASE_SCHEMA}.cases_case DROP COLUMN IF EXISTS scale_demo_note"
                )


# --- escalation -----------------------------------------------------------------------------------


def _deadline_for_one_level(version: Any, now: Any) -> Any:
    """A deadline at which the chain's first level has come due at ``now`` and the second not."""
    import datetime as dt

    from onewindow.platform.core import clock
    from onewindow.tenants.escalation.models import Watch
    from onewindow.tenants.escalation.services import level_moment
    from onewindow.tenants.workcalendar.calendar import WorkingCalendar

    calendar = WorkingCalendar.for_active_county()
    today = now.astimezone(clock.COUNTY_TZ).date()
    levels = version.levels
    for k in range(-10, 11):
        deadline = today + dt.timedelta(days=k)
        watch = Watch(version=version, started_on=deadline - dt.timedelta(days=20), deadline_on=deadline)
        first = level_moment(levels[0], watch, calendar)
        second = level_moment(levels[1], watch, calendar) if len(levels) > 1 else None
        if first is not None and first <= now and (second is None or second > now):
            return deadline, first
    raise RuntimeError(f"no deadline makes only the first level of {version} due")


def _prepare_watches(open_: int, due: int, now: Any, counties: list[Any] | None = None) -> None:
    """Give every county ``open_`` watches on its first chain (once), then make ``due`` of them
    due at ``now`` with exactly their first level (a firing each), the rest due in 20 days."""
    from django.db import connection
    from django_tenants.utils import tenant_context

    from onewindow.tenants.escalation.models import ChainVersion

    for county in _counties() if counties is None else counties:
        s = county.schema_name
        with tenant_context(county):
            version = ChainVersion.objects.order_by("chain_id", "-number").first()
            if version is None:
                continue
            deadline, first = _deadline_for_one_level(version, now)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {s}.escalation_watch")
            if cursor.fetchone()[0] != open_:
                cursor.execute(f"TRUNCATE {s}.escalation_watch CASCADE")
                cursor.execute(
                    f"INSERT INTO {s}.escalation_watch (version_id, subject_type, subject_id, subject_label, "
                    "started_on, deadline_on, next_level, next_due_at, paused, flagged) "
                    "SELECT %s, 'Case', n::text, '办件 ' || n, current_date - 20, current_date + 30, 0, "
                    "now() + interval '20 days', false, false FROM generate_series(0, %s - 1) n",
                    [version.pk, open_],
                )
            cursor.execute(f"DELETE FROM {s}.escalation_firing")
            cursor.execute(f"DELETE FROM {s}.outbox_outboxmessage")
            cursor.execute(
                f"UPDATE {s}.escalation_watch SET next_level = 0, flagged = false, resolved_at = NULL, "
                "started_on = %s::date - 20, "
                "deadline_on = CASE WHEN subject_id::int < %s THEN %s ELSE current_date + 30 END, "
                "next_due_at = CASE WHEN subject_id::int < %s THEN %s "
                "ELSE now() + interval '20 days' END",
                [deadline, due, deadline, due, first],
            )


def _scan_counties(codes: list[str], now: Any = None) -> list[tuple[float, int]]:
    """In a worker process: the scan task, county after county (as a Celery worker runs them)."""
    from django.db import connection
    from django_tenants.utils import tenant_context

    from onewindow.platform.core import clock
    from onewindow.platform.counties.models import County
    from onewindow.tenants.escalation.tasks import scan_county

    connection.close()
    out = []
    for county in County.objects.filter(code__in=codes).order_by("code"):
        with tenant_context(county), clock.frozen_at(now):
            started = time.monotonic()
            fired = scan_county()
            out.append((time.monotonic() - started, fired))
    return out


def bench_escalation(open_: int, due_share: float, workers: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_tenants.utils import tenant_context

    from onewindow.platform.core import clock
    from onewindow.tenants.escalation.services import scan

    due = int(open_ * due_share)
    now = clock.now()
    started = time.monotonic()
    _prepare_watches(open_, due, now)
    counties = _counties()
    print(
        f"set-up: {len(counties)} counties × {open_} open subjects, {due} due each ({time.monotonic() - started:.0f} s)",
        flush=True,
    )
    codes = [c.code for c in counties]
    connection.close()
    started = time.monotonic()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        # interleaved: each worker takes every n-th county, as a shared queue would hand them out
        results = pool.starmap(_scan_counties, [(codes[i::workers], now) for i in range(workers)])
    total = time.monotonic() - started
    per_county = [seconds for part in results for seconds, _ in part]
    fired = sum(n for part in results for _, n in part)
    print(
        f"one dispatcher pass over {len(per_county)} counties on {workers} workers: {total:.2f} s "
        f"({fired} firings); per county median {statistics.median(per_county) * 1000:.0f} ms, "
        f"max {max(per_county) * 1000:.0f} ms",
        flush=True,
    )
    county = counties[0]
    _prepare_watches(open_, due, now, [county])  # again, to count one county's statements
    with tenant_context(county), CaptureQueriesContext(connection) as ctx:
        n = scan(now)
    sets = sum(1 for q in ctx.captured_queries if q["sql"].startswith("SET search_path"))
    print(
        f"SQL for one county's {n} firings: {len(ctx.captured_queries)} statements "
        f"({len(ctx.captured_queries) / max(n, 1):.2f} per firing; {sets} of them SET search_path)",
        flush=True,
    )
    with tenant_context(county), CaptureQueriesContext(connection) as ctx:
        scan(now)
    print(f"an idle rescan: {len(ctx.captured_queries)} statements", flush=True)


# --- memory ---------------------------------------------------------------------------------------

API_CHILD = """
import os, resource, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.platform.project.settings")
import django; django.setup()
import logging; logging.disable(logging.WARNING)
from django.test import Client
from onewindow.platform.accounts.models import User
from onewindow.platform.accounts.roles import Role
from onewindow.platform.accounts.services import ensure_user, grant_membership, roles_in
from onewindow.platform.counties.models import County

def rss():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024

counties = list(County.objects.active().order_by("code")[: int(sys.argv[1])])
user = ensure_user("scale-bench", actor="bench")
for county in counties:
    if not roles_in(user, county):
        grant_membership(user, county, [Role.COUNTY_ADMIN], actor="bench")
client = Client(HTTP_HOST="localhost")
client.force_login(User.objects.get(username="scale-bench"))
query = '{"query": "{ county { code name } departments { code name } }"}'
before = rss()
for round_ in range(2):
    for county in counties:
        r = client.post(f"/c/{county.code}/graphql", query, content_type="application/json")
        assert r.status_code == 200 and b'"errors"' not in r.content, r.content[:300]
    if round_ == 0:
        first = rss()
print(f"{before} {first} {rss()} {len(counties)}")
"""

CELERY_CHILD = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.platform.project.settings")
import django; django.setup()
import logging; logging.disable(logging.WARNING)
from onewindow.platform.project.celery_app import app
from onewindow.platform.counties.models import County
from onewindow.tenants.escalation.tasks import scan_county

def rss():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024

from onewindow.platform.counties.tasking import whereami
schemas = list(County.objects.active().values_list("schema_name", flat=True))
assert whereami.apply(headers={"_schema_name": schemas[-1]}).get() == schemas[-1]
before = rss()
for round_ in range(2):
    for schema in schemas:
        # what the worker runs for each fanned-out message: the task, in the header's schema
        scan_county.apply(headers={"_schema_name": schema}).get()
    if round_ == 0:
        first = rss()
print(f"{before} {first} {rss()} {len(schemas)}")
"""


def bench_memory() -> None:
    for label, code, arg in (
        ("an API process (GraphQL, the full middleware) serving", API_CHILD, "100"),
        ("a Celery worker process running the escalation scan task for", CELERY_CHILD, "0"),
    ):
        result = subprocess.run(
            [sys.executable, "-c", code, arg], capture_output=True, text=True, cwd=ROOT, timeout=3600
        )
        if result.returncode != 0:
            print(f"{label}: failed\n{result.stderr[-2000:]}")
            continue
        before, first, second, n = result.stdout.split()[-4:]
        print(
            f"RSS of {label} {n} counties: {before} MB after start-up, {first} MB after one round, "
            f"{second} MB after a second round",
            flush=True,
        )


# --- up -------------------------------------------------------------------------------------------


def bench_up() -> None:
    import urllib.request

    port = 8700 + os.getpid() % 200
    with tempfile.TemporaryDirectory() as data:
        for attempt in ("first", "second"):
            started = time.monotonic()
            proc = subprocess.Popen(
                [str(BIN / "onewindow"), "up", "--port", str(port)],
                env={**os.environ, "ONEWINDOW_DATA_DIR": data},
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                start_new_session=True,
            )
            prepared: list[float] = []

            def watch(
                stream: Any = proc.stdout, prepared: list[float] = prepared, t0: float = started
            ) -> None:
                for line in stream:  # "已启动 api": migrate checked, seed counties there, children start
                    if "已启动 api" in line and not prepared:
                        prepared.append(time.monotonic() - t0)

            threading.Thread(target=watch, daemon=True).start()
            ready = None
            try:
                while time.monotonic() - started < 600 and proc.poll() is None:
                    try:
                        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as r:
                            if r.status == 200:
                                ready = time.monotonic() - started
                                break
                    except OSError:
                        pass
                    time.sleep(0.25)
            finally:
                os.killpg(proc.pid, 2)
                try:
                    proc.wait(60)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, 9)
            shown = f"{ready:.1f} s" if ready is not None else "not ready"
            before = f"{prepared[0]:.1f} s" if prepared else "-"
            print(
                f"`onewindow up` ({attempt} start), {len(_counties())} counties: /readyz 200 after {shown} "
                f"(its preparation (migrate check, seed counties, demo memberships) done after {before})",
                flush=True,
            )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "sections", nargs="+", choices=["onboarding", "migrate", "escalation", "memory", "up"]
    )
    parser.add_argument("--samples", type=int, default=10)
    parser.add_argument("--open", type=int, default=5000)
    parser.add_argument("--due", type=float, default=0.01)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    args = parser.parse_args()
    url = database_url()
    setup_django()
    from django.db import connection

    print(f"PostgreSQL: {connection.cursor().connection.info.server_version} at {urlsplit(url).hostname}")
    try:
        for section in args.sections:
            if section == "onboarding":
                bench_onboarding(args.samples)
            elif section == "migrate":
                bench_migrate()
            elif section == "escalation":
                bench_escalation(args.open, args.due, args.workers)
            elif section == "memory":
                bench_memory()
            elif section == "up":
                bench_up()
    finally:
        connection.close()
        if args.drop:
            drop_database(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
