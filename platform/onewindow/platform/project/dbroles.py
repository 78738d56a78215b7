"""Two PostgreSQL roles: the owner runs migrations, the application connects as a role that
owns nothing.

``MIGRATE_DATABASE_URL`` (optional) names the owner; ``DATABASE_URL`` the application's role.
``onewindow migrate`` connects as the owner, migrates, then grants the application's role
what it needs and no more, in every schema (public, the template, each county):

- ``USAGE`` on the schemas; ``SELECT, INSERT, UPDATE, DELETE`` on the tables (never
  ``TRUNCATE``, ``REFERENCES`` or ``TRIGGER``); ``USAGE, SELECT, UPDATE`` on the sequences;
- on the audit tables (``audit_event`` in each county, ``platform_audit_event``) only
  ``SELECT, INSERT``: no UPDATE, DELETE or TRUNCATE at all, on top of the append-only
  trigger that refuses UPDATE and DELETE to anyone;
- the role is no superuser and owns no table, so it can neither disable that trigger
  (``ALTER TABLE … DISABLE TRIGGER`` needs the owner) nor set ``session_replication_role``
  (a superuser's setting) to bypass it.

With one URL (development, the embedded server) both are the same role and nothing is granted.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

AUDIT_TABLES = ("audit_event", "platform_audit_event")


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def grant_app_role(role: str, schemas: Iterable[str]) -> list[str]:
    """Grant ``role`` the application's privileges in ``schemas``; returns the statements run."""
    statements: list[str] = []
    r = _q(role)
    for schema in schemas:
        s = _q(schema)
        statements += [
            f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}",
            f"GRANT USAGE ON SCHEMA {s} TO {r}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}",
            f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
            f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {s} TO {r}",
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tablename = ANY(%s)",
                [schema, list(AUDIT_TABLES)],
            )
            audit = [row[0] for row in cursor.fetchall()]
        for table in audit:
            statements += [
                f"REVOKE UPDATE, DELETE, TRUNCATE ON {s}.{_q(table)} FROM {r}",
                f"GRANT SELECT, INSERT ON {s}.{_q(table)} TO {r}",
            ]
    # what the owner creates later (a county onboarded by a worker running as the owner) is
    # readable and writable by the app at once; TRUNCATE never; audit rows stay append-only
    # by their trigger, which the app, owning nothing, cannot disable
    statements += [
        f"ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO {r}",
        f"ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}",
        f"ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {r}",
    ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return statements


def all_schemas() -> list[str]:
    from django.conf import settings

    from onewindow.platform.counties.models import County

    counties = list(County.objects.counties().values_list("schema_name", flat=True))
    return ["public", settings.TENANT_BASE_SCHEMA, *counties]


def grant_after_migrate() -> str | None:
    """After ``onewindow migrate`` as the owner: grant the application's role, if it is another."""
    from django.conf import settings

    app_user, owner_user = settings.DATABASE_APP_USER, settings.DATABASE_OWNER_USER
    if not app_user or app_user == owner_user:
        return None
    grant_app_role(app_user, all_schemas())
    return str(app_user)
