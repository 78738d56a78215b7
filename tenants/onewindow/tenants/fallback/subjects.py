"""The 办不成事 case as a subject of the county's chains: who answers, and the ``handover``."""

from __future__ import annotations

from onewindow.tenants.escalation.subjects import Units, register_subject
from onewindow.tenants.fallback.models import FallbackCase
from onewindow.tenants.fallback.services import hand_up


def fallback_units(case_id: str) -> Units:
    case = FallbackCase.objects.filter(pk=case_id).select_related("window").first()
    if case is None:
        return Units()
    departments = tuple(case.departments.values_list("code", flat=True))
    return Units(departments=departments, window=case.window.code if case.window else None)


def register() -> None:
    register_subject(
        "FallbackCase", kind="fallback_case", units=fallback_units, hand_up=lambda pk: hand_up(int(pk))
    )
