from __future__ import annotations

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
