"""The audit event base shared by the county table and the platform table.

Append-only by construction: each concrete table gets a trigger (see ``append_only_sql``)
that makes PostgreSQL itself refuse UPDATE and DELETE, whatever code or person tries.
"""

from __future__ import annotations

from django.db import models


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


def append_only_sql(table: str) -> tuple[str, str]:
    """Forward and reverse SQL installing the trigger that refuses UPDATE and DELETE.

    The function is created unqualified, so in a county migration it lands in that county's
    schema (search_path puts the county first) and survives schema cloning with its table.
    """
    function = f"{table}_append_only"
    forward = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER {table}_no_update_delete BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
"""
    reverse = f"""
DROP TRIGGER IF EXISTS {table}_no_update_delete ON {table};
DROP FUNCTION IF EXISTS {function}();
"""
    return forward, reverse


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
