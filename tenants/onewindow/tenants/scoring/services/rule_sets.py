"""Rule sets: versions of their definitions, and the subjects they score."""

from __future__ import annotations

from typing import Any

from onewindow.platform.core.errors import NotFound
from onewindow.platform.core.versioning import append_version
from onewindow.tenants.hall.models import Department, StaffMember, Window
from onewindow.tenants.scoring.models import (
    RuleSet,
)


def write_rule_sets(specs: Any, rows: dict[str, RuleSet]) -> None:
    """A changed rule set gets a new version; published versions are never edited."""
    for spec in specs:
        append_version(rows[spec.code].versions, "definition", spec.model_dump(mode="json"))


def latest_definition(rule_set: RuleSet) -> dict[str, Any] | None:
    latest = rule_set.versions.order_by("-number").first()
    return dict(latest.definition) if latest else None


def rule_set_named(code: str) -> RuleSet:
    rule_set = RuleSet.objects.live().filter(code=code).first()
    if rule_set is None:
        raise NotFound(f"考核细则 {code}", field="rule_set")
    return rule_set


def rule_codes(definition: dict[str, Any]) -> set[str]:
    codes = {r["code"] for c in definition["categories"] for r in c["rules"]}
    codes |= {c["code"] for c in definition["categories"] if c.get("derived_from")}
    codes |= {r["code"] for r in definition.get("bonuses", []) + definition.get("vetoes", [])}
    return codes


def subjects_of(kind: str, definition: dict[str, Any] | None = None) -> list[str]:
    """The codes a rule set scores: the live units of ``kind``, narrowed to the definition's
    ``subjects`` where it names them (乌审旗 附件3 二: six departments)."""
    model = {"department": Department, "window": Window, "staff": StaffMember}[kind]
    codes = model.objects.live()
    only = (definition or {}).get("subjects") or []
    if only:
        codes = codes.filter(code__in=only)
    return list(codes.values_list("code", flat=True))
