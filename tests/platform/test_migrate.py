"""`onewindow migrate` only touches schemas with something pending."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection

from onewindow.platform.counties.models import County
from onewindow.platform.counties.schemas import expected_migrations, pending_by_schema


@pytest.mark.django_db
def test_nothing_is_pending_after_setup() -> None:
    connection.set_schema_to_public()
    schemas = [
        "public",
        settings.TENANT_BASE_SCHEMA,
        *County.objects.counties().values_list("schema_name", flat=True),
    ]
    assert pending_by_schema(schemas) == dict.fromkeys(schemas, 0)


@pytest.mark.django_db
def test_a_missing_migration_is_seen_in_that_schema_only() -> None:
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM county_331081.django_migrations WHERE app = 'outbox'")
    pending = pending_by_schema(["county_150626", "county_331081", "no_such_schema"])
    outbox = sum(1 for app, _ in expected_migrations() if app == "outbox")
    assert pending == {
        "county_150626": 0,
        "county_331081": outbox,
        "no_such_schema": len(expected_migrations()),
    }


@pytest.mark.worker
def test_onewindow_migrate_repairs_only_the_counties_behind(django_db_blocker) -> None:  # type: ignore[no-untyped-def]
    """Two counties lose a migration (table and record); `onewindow migrate` re-applies it in
    those two, in parallel processes, and leaves the rest alone. Commits: it restores what it
    breaks."""
    import subprocess
    import sys

    from tests.dbhelpers import child_env

    behind = ["county_331081", "county_410222"]
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        for schema in behind:
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tablename LIKE 'outbox\\_%%'",
                [schema],
            )
            for (table,) in cursor.fetchall():  # the app's every table: its migrations make them all
                cursor.execute(f"DROP TABLE {schema}.{table} CASCADE")
            cursor.execute(f"DELETE FROM {schema}.django_migrations WHERE app = 'outbox'")
        before = pending_by_schema(["county_150626", *behind])
        env = child_env()
    assert before["county_150626"] == 0 and all(before[s] > 0 for s in behind)

    result = subprocess.run(
        [sys.executable, "-m", "onewindow.platform.project.cli", "migrate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "county_331081, county_410222" in result.stdout
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        assert set(pending_by_schema(["county_150626", *behind]).values()) == {0}
        cursor.execute("SELECT count(*) FROM county_410222.outbox_outboxmessage")
        assert cursor.fetchone() == (0,)


def _drop_outbox_tables(cursor, schema: str) -> None:  # type: ignore[no-untyped-def]
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tablename LIKE 'outbox\\_%%'", [schema]
    )
    for (table,) in cursor.fetchall():
        cursor.execute(f'DROP TABLE {schema}."{table}" CASCADE')


def test_a_county_that_fails_does_not_stop_the_others_and_a_rerun_resumes(  # type: ignore[no-untyped-def]
    django_db_setup, django_db_blocker
) -> None:
    """Three counties behind on the outbox app; in one of them the migration fails (its table
    is still there). `onewindow migrate` migrates the other two in parallel, shows progress,
    names the failed county and exits 1; what is done is recorded in each county's
    django_migrations, so the rerun migrates that county only. Commits: it restores what it
    breaks."""
    import subprocess
    import sys

    from tests.dbhelpers import child_env

    behind, failing = ["county_150626", "county_410222"], "county_331081"
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        for schema in [*behind, failing]:
            if schema != failing:  # every table of the app, as if it had never been migrated
                _drop_outbox_tables(cursor, schema)
            cursor.execute(f"DELETE FROM {schema}.django_migrations WHERE app = 'outbox'")
        env = child_env(ONEWINDOW_MIGRATE_PROCESSES="2")

    def migrate() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "onewindow.platform.project.cli", "migrate"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    first = migrate()
    out = first.stdout + first.stderr
    assert first.returncode == 1, out
    assert f"{failing} 迁移失败" in out and "already exists" in out
    assert "[3/3] 个县已迁移" in out and "失败 1" in out  # the progress line counts it
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        pending = pending_by_schema([*behind, failing])
        assert pending[failing] > 0 and all(pending[s] == 0 for s in behind)
        _drop_outbox_tables(cursor, failing)  # the operator's repair

    second = migrate()
    assert second.returncode == 0, second.stdout + second.stderr
    assert f"个县有迁移待执行: {failing}\n" in second.stdout  # that county only
    with django_db_blocker.unblock():
        assert set(pending_by_schema([*behind, failing]).values()) == {0}
