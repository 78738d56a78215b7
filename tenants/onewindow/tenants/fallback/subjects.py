"""The 办不成事 case as a subject of the county's chains: who answers, and the ``handover``."""

from __future__ import annotations

from onewindow.tenants.escalation.subjects import Units, register_subject
from onewindow.tenants.fallback.models import FallbackCase
from onewindow.tenants.fallback.services import hand_up


def fallback_units(case_id: str) -> Units:
    """The departments the 办不成事 case involves."""
    codes = FallbackCase.objects.filter(pk=case_id).values_list("departments__code", flat=True)
    return Units(departments=tuple(code for code in codes if code))


def register() -> None:
    register_subject(
        "FallbackCase", kind="fallback_case", units=fallback_units, hand_up=lambda pk: hand_up(int(pk))
    )
