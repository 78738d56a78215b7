"""Reads of consultations: the list, one with its chain of hand-ons."""

from __future__ import annotations

from django.db.models import QuerySet

from onewindow.tenants.consultations.models import Consultation


def consultation_list(status: str | None = None) -> QuerySet[Consultation]:
    qs = Consultation.objects.select_related("first_asked", "responsible", "window")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-asked_at", "-id")


def consultation_by_number(number: str) -> Consultation | None:
    return consultation_list().filter(number=number).first()
