"""The application's PostgreSQL role is no superuser and owns nothing: after the grants that
`onewindow migrate` makes, it reads and writes the tables, appends audit events, and can
neither TRUNCATE an audit table nor set ``session_replication_role`` (which would silence the
append-only trigger). Proved here with a role made in the test database."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from onewindow.platform.project.dbroles import grant_app_role

pytestmark = pytest.mark.django_db

ROLE = "onewindow_app_probe"


def _refused(cursor, sql: str) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(DatabaseError) as refused, transaction.atomic():
        cursor.execute(sql)
    return str(refused.value)


def test_the_app_role_cannot_truncate_audit_tables_or_silence_their_trigger(wushen) -> None:  # type: ignore[no-untyped-def]
    county = wushen.schema_name
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
        grant_app_role(ROLE, ["public", county])
        cursor.execute(f"SET ROLE {ROLE}")
        try:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            assert cursor.fetchone() == (False,)
            # what the application does: read, write, append audit events
            cursor.execute(f"SELECT count(*) FROM {county}.audit_event")
            cursor.execute(
                f"INSERT INTO {county}.audit_event (occurred_at, actor_label, action, subject_type,"
                " subject_id, data, request_id) VALUES (now(), 'probe', 'probe.ok', 'X', '1', '{}', '')"
            )
            cursor.execute("UPDATE public.counties_county SET name = name WHERE code = '150626'")
            # what it must not
            for table in (f"{county}.audit_event", "public.platform_audit_event"):
                assert "permission denied" in _refused(cursor, f"TRUNCATE {table}")
                assert "must be owner" in _refused(cursor, f"ALTER TABLE {table} DISABLE TRIGGER ALL")
            message = _refused(cursor, "SET session_replication_role = replica")
            assert "permission denied" in message and "session_replication_role" in message
            assert "permission denied" in _refused(cursor, f"DELETE FROM {county}.audit_event")
            # on Citus (no trigger) these privileges alone keep the trail append-only
            assert "permission denied" in _refused(cursor, f"UPDATE {county}.audit_event SET action = 'x'")
            assert "permission denied" in _refused(cursor, "DELETE FROM public.platform_audit_event")
        finally:
            cursor.execute("RESET ROLE")


def _settings_with(env: dict[str, str]) -> str:
    code = (
        "from onewindow.platform.project import settings as s;"
        "print(s.DATABASES['default']['USER'], s.DATABASE_APP_USER, s.DATABASE_OWNER_USER)"
    )
    clean = {
        k: v for k, v in os.environ.items() if k not in {"MIGRATE_DATABASE_URL", "ONEWINDOW_DATABASE_ROLE"}
    }
    answer = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return answer.stdout.strip().splitlines()[-1]


def test_migrations_connect_as_the_owner_and_the_app_as_its_own_role() -> None:
    urls = {
        "DATABASE_URL": "postgresql://ow_app:pw@127.0.0.1:5432/onewindow",
        "MIGRATE_DATABASE_URL": "postgresql://ow_owner:pw@127.0.0.1:5432/onewindow",
    }
    assert _settings_with(urls) == "ow_app ow_app ow_owner"
    assert _settings_with({**urls, "ONEWINDOW_DATABASE_ROLE": "owner"}) == "ow_owner ow_app ow_owner"
    one = {"DATABASE_URL": urls["DATABASE_URL"]}  # development: one URL, one role
    assert _settings_with(one) == "ow_app ow_app ow_app"
    assert _settings_with({**one, "ONEWINDOW_DATABASE_ROLE": "owner"}) == "ow_app ow_app ow_app"
