"""Business events other domains consume: declared once per domain (``<domain>/events.py``),
typed, written through :func:`emit` (which also writes the audit row). See
docs/decisions/0007-reviews-and-events.md."""

from __future__ import annotations

from onewindow.tenants.events.bus import emit, emit_many, subscribe
from onewindow.tenants.events.catalog import EventType, catalog, declare, event_type, known_event_names
from onewindow.tenants.events.schema import UNIT_KINDS, EventData, SubjectRef

__all__ = [
    "UNIT_KINDS",
    "EventData",
    "EventType",
    "SubjectRef",
    "catalog",
    "declare",
    "emit",
    "emit_many",
    "event_type",
    "known_event_names",
    "subscribe",
]
