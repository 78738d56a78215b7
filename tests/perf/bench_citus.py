"""Benchmark and check on Citus: counties onboarded from a preset become distributed schemas,
spread over the workers, none of their tables left on the coordinator; one is moved to another
worker and still answers.

    DATABASE_URL=postgresql://…@coordinator/onewindow ONEWINDOW_CITUS=1 \\
        python3 -m uv run python tests/perf/bench_citus.py [--counties 6] [--keep]

Runs in the configured database (a scratch database would need making on every node, see
docs/citus.md): migrates it, onboards counties with codes 990001… and removes them afterwards
unless ``--keep``. Prints numbers; exits 1 when a county is not distributed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counties", type=int, default=6, help="counties onboarded (timed)")
    parser.add_argument("--keep", action="store_true", help="keep the counties afterwards")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL") or os.environ.get("ONEWINDOW_CITUS") != "1":
        print("set DATABASE_URL to a Citus coordinator and ONEWINDOW_CITUS=1", file=sys.stderr)
        return 2
    os.environ.setdefault("ONEWINDOW_TESTING", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "onewindow.platform.project.settings"
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)
    from django.db import connection

    from onewindow.platform.catalog.services import ensure_example_catalogs
    from onewindow.platform.core.tenancy import use_public
    from onewindow.platform.counties.citus import placement, schema_blockers
    from onewindow.platform.counties.models import County
    from onewindow.platform.counties.schemas import migrate_all
    from onewindow.platform.counties.services import ensure_platform_tenant
    from onewindow.platform.onboarding.services import onboard_now

    with connection.cursor() as cursor:
        cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'citus'")
        row = cursor.fetchone()
        if row is None:
            print("no citus extension in this database", file=sys.stderr)
            return 2
        cursor.execute("SELECT count(*) FROM pg_dist_node WHERE noderole = 'primary' AND shouldhaveshards")
        print(f"Citus {row[0]}, {cursor.fetchone()[0]} nodes that take shards")

    started = time.monotonic()
    migrate_all(progress=lambda _m: None)
    print(f"migrate: {time.monotonic() - started:.1f} s")
    ensure_platform_tenant()
    ensure_example_catalogs()
    codes = [f"99{n:04d}" for n in range(1, args.counties + 1)]
    schemas = [f"county_{code}" for code in codes]
    failed = False
    try:
        times = []
        for code in codes:
            started = time.monotonic()
            job = onboard_now(code, f"基准县{code[-2:]}", "河南省", preset="tongxu", actor="bench")
            times.append(time.monotonic() - started)
            assert job.status == "ready", job.errors
        print(
            f"onboarded {len(codes)} counties from a preset: median {statistics.median(times):.2f} s, "
            f"max {max(times):.2f} s"
        )
        use_public()
        where = placement(schemas)
        by_node: dict[str, list[str]] = {}
        for schema in schemas:
            by_node.setdefault(where.get(schema, "NOT DISTRIBUTED"), []).append(schema)
        for node, on_it in sorted(by_node.items()):
            print(f"  {node}: {len(on_it)} ({', '.join(on_it)})")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_tables t WHERE t.schemaname = ANY(%s) AND NOT EXISTS "
                "(SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = "
                "(quote_ident(t.schemaname) || '.' || quote_ident(t.tablename))::regclass)",
                [schemas],
            )
            local = cursor.fetchone()[0]
        print(f"tables of these counties left on the coordinator: {local}")
        blockers = schema_blockers(schemas)
        print(f"catalog check: {len(blockers)} blockers")
        failed = bool(local or blockers or "NOT DISTRIBUTED" in by_node)

        nodes = sorted({n for n in where.values()})
        with connection.cursor() as cursor:
            cursor.execute("SELECT nodename || ':' || nodeport FROM pg_dist_node WHERE shouldhaveshards")
            all_nodes = sorted(r[0] for r in cursor.fetchall())
        target = next((n for n in all_nodes if n != where.get(schemas[0])), None)
        if target and nodes:
            host, port = target.rsplit(":", 1)
            started = time.monotonic()
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT citus_schema_move(%s, %s, %s, shard_transfer_mode => 'block_writes')",
                    [schemas[0], host, int(port)],
                )
            moved = time.monotonic() - started
            county = County.objects.get(code=codes[0])
            connection.set_tenant(county)
            from onewindow.tenants.audit.models import AuditEvent

            events = AuditEvent.objects.count()
            use_public()
            print(
                f"moved {schemas[0]} {where.get(schemas[0])} → {placement([schemas[0]]).get(schemas[0])} "
                f"in {moved:.1f} s (block_writes); {events} audit events read back"
            )
    finally:
        use_public()
        if not args.keep:
            for county in County.objects.filter(code__in=codes):
                county.delete(force_drop=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
