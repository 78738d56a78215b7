"""Reads for the assessment pages: the live rule sets, the subjects a kind names, and which
rules a category (or the bonus / veto lists) of a definition holds."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from onewindow.tenants.hall.models import Department, StaffMember, Window
from onewindow.tenants.scoring.models import RuleSet

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


def rules_of_category(definition: dict[str, Any], category: str) -> set[str]:
    """The rule codes that make up ``category``'s points: its rules, and its own code for a
    measured (derived) category; ``bonuses`` / ``vetoes`` name those lists."""
    for c in definition.get("categories", []):
        if c["code"] == category:
            return {r["code"] for r in c.get("rules", [])} | ({c["code"]} if c.get("derived_from") else set())
    if category in (BONUSES, VETOES):
        return {r["code"] for r in definition.get(category, [])}
    return set()
