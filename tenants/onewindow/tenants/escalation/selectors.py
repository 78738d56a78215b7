"""Escalation reads other domains and the pages need."""

from __future__ import annotations

from django.db.models import Max

from onewindow.tenants.escalation.models import Watch


def reminder_levels(subject_type: str, subject_ids: list[object]) -> dict[str, int]:
    """How many reminder levels have fired for each subject (三级提醒: 0 none … 3 the last),
    across the chains watching it, in one query; subjects with no firing are left out."""
    rows = (
        Watch.objects.filter(subject_type=subject_type, subject_id__in=[str(i) for i in subject_ids])
        .values("subject_id")
        .annotate(level=Max("next_level"))
    )
    return {row["subject_id"]: row["level"] for row in rows if row["level"]}
