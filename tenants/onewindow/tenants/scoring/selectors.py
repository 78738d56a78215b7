"""Reads for the assessment pages: the live rule sets, the subjects a kind names, and which
rules a category (or the bonus / veto lists) of a definition holds."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from onewindow.tenants.hall.models import Department, StaffMember, Window
from onewindow.tenants.scoring.models import Incident, Period, RuleSet

BONUSES, VETOES = "bonuses", "vetoes"


def live_rule_sets() -> QuerySet[RuleSet]:
    return RuleSet.objects.live().order_by("code", "id")


def subject_names(kind: str, only: list[str] | None = None) -> list[tuple[str, str]]:
    """(code, name) of the live departments, windows or staff members, by code (``only``: the
    rule set's own list of subjects, where it has one)."""
    model: Any = {"department": Department, "window": Window, "staff": StaffMember}[kind]
    rows = model.objects.live().order_by("code")
    if only:
        rows = rows.filter(code__in=only)
    return list(rows.values_list("code", "name"))


def missing_inputs(period: Period) -> dict[str, list[str]]:
    """Subject → the derived categories (人员管理 …) with no measurement recorded yet in
    ``period``: what closing would refuse, or leave unranked (one query)."""
    definition = period.version.definition
    derived = [c["code"] for c in definition.get("categories", []) if c.get("derived_from") and c["max"] > 0]
    if not derived:
        return {}
    have = set(
        Incident.objects.filter(
            rule_set_id=period.rule_set_id,
            rule__in=derived,
            occurred_on__range=(period.starts_on, period.ends_on),
            withdrawn_at__isnull=True,
        ).values_list("subject", "rule")
    )
    only = definition.get("subjects") or None
    out = {}
    for code, _ in subject_names(period.rule_set.subject, only):
        lacking = [c for c in derived if (code, c) not in have]
        if lacking:
            out[code] = lacking
    return out


def rules_of_category(definition: dict[str, Any], category: str) -> set[str]:
    """The rule codes that make up ``category``'s points: its rules, and its own code for a
    measured (derived) category; ``bonuses`` / ``vetoes`` name those lists."""
    for c in definition.get("categories", []):
        if c["code"] == category:
            return {r["code"] for r in c.get("rules", [])} | ({c["code"]} if c.get("derived_from") else set())
    if category in (BONUSES, VETOES):
        return {r["code"] for r in definition.get(category, [])}
    return set()
