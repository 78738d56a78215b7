from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection

from onewindow.platform.core import clock, context
from onewindow.platform.core.audit import actor_fields
from onewindow.platform.core.tenancy import active_schema
from onewindow.tenants.audit.models import AuditEvent


def record_event(
    action: str,
    subject: Any,
    *,
    actor: object | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event to the active county's trail.

    Must run inside the service's transaction, so the event and the change commit together or
    not at all; called outside one it refuses rather than write an orphan event.
    """
    if active_schema() == "public":
        raise RuntimeError("record_event needs an active county (use record_platform_event)")
    if not connection.in_atomic_block:
        raise RuntimeError("record_event must run inside the service's transaction")
    rid = context.request_id.get()
    return AuditEvent.objects.create(
        occurred_at=clock.now(),
        action=action,
        subject_type=subject if isinstance(subject, str) else type(subject).__name__,
        subject_id="" if isinstance(subject, str) else str(getattr(subject, "pk", "")),
        data=data or {},
        request_id="" if rid == "-" else rid,
        **actor_fields(actor),
    )


def record_events(
    entries: Sequence[tuple[str, Any, dict[str, Any]]], *, actor: object | None = None
) -> list[AuditEvent]:
    """Append several events (action, subject, data) in one INSERT: ``record_event``'s rules,
    for a service that writes many at once (the escalation scan's firings of one county)."""
    if active_schema() == "public":
        raise RuntimeError("record_events needs an active county (use record_platform_event)")
    if not connection.in_atomic_block:
        raise RuntimeError("record_events must run inside the service's transaction")
    rid = context.request_id.get()
    occurred_at, who = clock.now(), actor_fields(actor)
    return AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                occurred_at=occurred_at,
                action=action,
                subject_type=subject if isinstance(subject, str) else type(subject).__name__,
                subject_id="" if isinstance(subject, str) else str(getattr(subject, "pk", "")),
                data=data or {},
                request_id="" if rid == "-" else rid,
                **who,
            )
            for action, subject, data in entries
        ]
    )
