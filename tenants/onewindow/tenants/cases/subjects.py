"""The case as a subject of the county's deadline chains (三级提醒), and its commitments
(容缺、告知承诺: the ``commitment`` chains)."""

from __future__ import annotations

from onewindow.tenants.cases.selectors import case_units, commitment_units
from onewindow.tenants.escalation.subjects import register_subject


def register() -> None:
    register_subject("Case", kind="case", units=case_units)
    register_subject("Commitment", kind="commitment", units=commitment_units)
