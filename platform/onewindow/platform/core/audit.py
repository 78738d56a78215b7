"""The audit event base shared by the county table and the platform table.

Append-only by construction: each concrete table gets a trigger (see ``append_only_sql``)
that makes PostgreSQL itself refuse UPDATE and DELETE, whatever code or person tries; on Citus,
where a distributed table takes no trigger, the application role's privileges (SELECT, INSERT
only) do it alone (``append_only_operations``, docs/citus.md).
"""

from __future__ import annotations

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.backends.utils import CursorWrapper
from django.db.migrations.operations.base import Operation


class AuditEventBase(models.Model):
    """审计事件: who did what to which subject, when, with what data."""

    occurred_at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=100, db_index=True)
    subject_type = models.CharField(max_length=100)
    subject_id = models.CharField(max_length=100)
    data = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        abstract = True
        ordering = ["occurred_at", "id"]


def append_only_sql(table: str) -> tuple[list[str], list[str]]:
    """Forward and reverse SQL of the trigger that refuses UPDATE and DELETE, one statement each.

    The function is created unqualified, so in a county migration it lands in that county's
    schema (search_path puts the county first) and survives schema cloning with its table.
    One statement a string: Citus forwards each to the workers as a prepared statement, which
    cannot hold two.
    """
    function = f"{table}_append_only"
    forward = [
        f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$""",
        f"""CREATE TRIGGER {append_only_trigger(table)} BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}()""",
    ]
    reverse = [
        f"DROP TRIGGER IF EXISTS {append_only_trigger(table)} ON {table}",
        f"DROP FUNCTION IF EXISTS {function}()",
    ]
    return forward, reverse


def append_only_trigger(table: str) -> str:
    return f"{table}_no_update_delete"


def triggers_allowed(cursor: CursorWrapper) -> bool:
    """Whether this database takes triggers on its tables: not on Citus unless
    ``citus.enable_unsafe_triggers`` is on (Citus refuses to distribute a table with one)."""
    cursor.execute(
        "SELECT NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') "
        "OR coalesce(current_setting('citus.enable_unsafe_triggers', true), 'off') = 'on'"
    )
    return bool(cursor.fetchone()[0])


def append_only_operations(table: str) -> list[Operation]:
    """The migration operations making ``table`` append-only.

    On PostgreSQL (and on Citus with ``citus.enable_unsafe_triggers``) a trigger refuses UPDATE
    and DELETE to anyone; on Citus without it the trigger is left out and privileges do it alone
    (the application's role gets only SELECT, INSERT on audit tables: docs/security.md).
    """
    forward, reverse = append_only_sql(table)
    create_function, create_trigger = forward
    drop_trigger, drop_function = reverse

    def install(apps: object, schema_editor: BaseDatabaseSchemaEditor) -> None:
        with schema_editor.connection.cursor() as cursor:
            allowed = triggers_allowed(cursor)
        if allowed:
            schema_editor.execute(create_trigger)

    def remove(apps: object, schema_editor: BaseDatabaseSchemaEditor) -> None:
        schema_editor.execute(drop_trigger)

    return [
        migrations.RunSQL([create_function], [drop_function]),
        migrations.RunPython(install, remove),
    ]


def actor_fields(actor: object | None) -> dict[str, object]:
    """``actor_id``/``actor_label`` for a user, a system name, or nobody."""
    if actor is None:
        return {"actor_id": None, "actor_label": "system"}
    if isinstance(actor, str):
        return {"actor_id": None, "actor_label": actor}
    return {
        "actor_id": getattr(actor, "pk", None),
        "actor_label": getattr(actor, "username", str(actor))[:150],
    }
