"""The one catalog of business events that another domain consumes.

A domain declares its events in its own ``events.py`` with :func:`declare`; the catalog is
every installed app's ``events`` module (discovered on first use, as Django's admin does).
An event's name is the audit action it is written as, so the trail and the catalog agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.utils.module_loading import autodiscover_modules

from onewindow.tenants.events.schema import EventData

D = TypeVar("D", bound=EventData)

_CATALOG: dict[str, EventType[Any]] = {}
_discovered = False


@dataclass(frozen=True, eq=False)
class EventType(Generic[D]):
    """A declared event: its name (the audit action) and the schema of its data."""

    name: str
    schema: type[D]
    doc: str

    def read(self, data: dict[str, Any]) -> D:
        """A recorded event's data, typed (raises pydantic's ValidationError when malformed)."""
        return self.schema.model_validate(data)


def declare(name: str, schema: type[D], doc: str) -> EventType[D]:
    """Declare an event, once: a second declaration of the same name is a programming error."""
    if name in _CATALOG:
        raise RuntimeError(f"event {name} is declared twice")
    event = EventType(name, schema, doc)
    _CATALOG[name] = event
    return event


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("events")
        _discovered = True


def known_event_names() -> frozenset[str]:
    """Every declared event's name (what a rule set may listen to)."""
    _discover()
    return frozenset(_CATALOG)


def event_type(name: str) -> EventType[Any] | None:
    _discover()
    return _CATALOG.get(name)


def catalog() -> list[EventType[Any]]:
    _discover()
    return sorted(_CATALOG.values(), key=lambda e: e.name)
