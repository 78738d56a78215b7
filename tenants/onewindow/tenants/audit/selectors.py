from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from onewindow.tenants.audit.models import AuditEvent


def timeline(subject_type: str, subject_id: str) -> QuerySet[AuditEvent]:
    """A subject's events in order (the basis of every timeline view)."""
    return AuditEvent.objects.filter(subject_type=subject_type, subject_id=subject_id).order_by(
        "occurred_at", "id"
    )


def timelines(subject_type: str, subject_ids: list[str]) -> dict[str, list[AuditEvent]]:
    """The timelines of many subjects of one type in one query, keyed by subject id."""
    found: dict[str, list[AuditEvent]] = {}
    for event in AuditEvent.objects.filter(subject_type=subject_type, subject_id__in=subject_ids).order_by(
        "occurred_at", "id"
    ):
        found.setdefault(event.subject_id, []).append(event)
    return found


def recorded_between(action: str, start: dt.date, end: dt.date, **data: Any) -> Iterator[AuditEvent]:
    """Events of ``action`` on county days [start, end] whose data has the given values."""
    return (
        AuditEvent.objects.filter(
            action=action,
            occurred_at__date__range=(start, end),
            **{f"data__{key}": value for key, value in data.items()},
        )
        .order_by("id")
        .iterator()
    )
