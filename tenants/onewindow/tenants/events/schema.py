"""The shape every business event's data shares: who answers for it, and what it is about."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

UNIT_KINDS = ("department", "window", "staff")


class SubjectRef(BaseModel):
    """What the event is about, as the owning domain names it (``case`` 12, ``review`` 7 …)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str
    id: str


class EventData(BaseModel):
    """Base of every event's data. The county units (by code) let a consumer — scoring —
    attribute the event without knowing the producer's models; ``ref`` names the subject.

    Subclasses add the event's own fields; unknown keys are refused, so a renamed key fails
    where it is written instead of silently scoring nothing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    department: str | None = None
    window: str | None = None
    staff: str | None = None
    ref: SubjectRef | None = None

    def units(self, kind: str) -> list[str]:
        """The codes of the units of ``kind`` (department, window, staff) the event concerns."""
        code = getattr(self, kind, None) if kind in UNIT_KINDS else None
        return [code] if code else []
