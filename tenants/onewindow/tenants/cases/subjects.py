"""The case as a subject of the county's deadline chains (三级提醒)."""

from __future__ import annotations

from onewindow.tenants.cases.selectors import case_units
from onewindow.tenants.escalation.subjects import register_subject


def register() -> None:
    register_subject("Case", kind="case", units=case_units)
