"""Writing an event: validated, recorded in the audit trail, handed to in-process subscribers.

``emit`` runs in the producer's transaction; so do the subscribers (a 差评 opens its work order
in the review's transaction). Consumers that read later (scoring) query the audit trail by
the event's name instead of subscribing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.audit.services import record_event, record_events
from onewindow.tenants.events.catalog import D, EventType

Handler = Callable[[Any, AuditEvent], None]
_HANDLERS: dict[str, list[Handler]] = {}


def subscribe(event: EventType[D], handler: Callable[[D, AuditEvent], None]) -> None:
    """Call ``handler(data, audit_row)`` whenever ``event`` is emitted (register in ``ready()``)."""
    handlers = _HANDLERS.setdefault(event.name, [])
    if handler not in handlers:
        handlers.append(handler)


def emit(event: EventType[D], subject: Any, *, actor: object | None, data: D) -> AuditEvent:
    """Record ``event`` about ``subject`` (a row, or a subject type name) and notify subscribers.

    ``data`` must be the event's own schema (validated when it was built)."""
    if type(data) is not event.schema:
        raise TypeError(f"{event.name} takes {event.schema.__name__}, not {type(data).__name__}")
    row = record_event(event.name, subject, actor=actor, data=data.model_dump(mode="json"))
    for handler in _HANDLERS.get(event.name, []):
        handler(data, row)
    return row


def emit_many(
    event: EventType[D], items: Sequence[tuple[Any, D]], *, actor: object | None
) -> list[AuditEvent]:
    """``emit`` for several (subject, data) of one event: one INSERT into the audit trail, then
    the subscribers for each, in order."""
    for _subject, data in items:
        if type(data) is not event.schema:
            raise TypeError(f"{event.name} takes {event.schema.__name__}, not {type(data).__name__}")
    if not items:
        return []
    rows = record_events(
        [(event.name, subject, data.model_dump(mode="json")) for subject, data in items], actor=actor
    )
    for (_subject, data), row in zip(items, rows, strict=True):
        for handler in _HANDLERS.get(event.name, []):
            handler(data, row)
    return rows
