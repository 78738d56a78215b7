"""The arithmetic of a rule set, apart from the database: aggregated occurrences in, scores out.

Pure functions, so the hand-worked examples of the seeds are tested directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

TWO = Decimal("0.01")


def D(value: Any) -> Decimal:
    return Decimal(str(value))


@dataclass
class SubjectScore:
    subject: str
    categories: dict[str, Decimal] = field(default_factory=dict)
    bonus: Decimal = Decimal(0)
    total: Decimal = Decimal(0)
    vetoed: bool = False
    rank: int | None = 0
    # derived categories whose input (e.g. the staff assessment) was never recorded: the
    # subject's total is incomplete and it is not ranked (``rank`` None)
    missing: list[str] = field(default_factory=list)


def rule_amount(rule: dict[str, Any], n: Decimal, base: Decimal) -> Decimal:
    """Points a rule takes (or, for a bonus, gives) for ``n`` occurrences."""
    points, per, cap = D(rule.get("points", 0)), rule.get("per"), rule.get("cap")
    kind = rule["kind"]
    if n <= 0:
        return Decimal(0)
    if kind in ("deduction", "bonus"):
        amount = points * n
        return min(amount, D(cap)) if cap is not None else amount
    if kind == "sub_item":
        return min(points, D(per if per is not None else points) * n)
    if kind == "threshold":
        if base <= 0 or n / base <= D(rule["ratio"]):
            return Decimal(0)
        return min(points, D(per if per is not None else points) * n)
    return Decimal(0)


def score(
    definition: dict[str, Any], subjects: list[str], counts: dict[tuple[str, str], tuple[Decimal, Decimal]]
) -> list[SubjectScore]:
    """Every subject's category scores, bonus, total and rank (ties share a rank: 1, 2, 2, 4).

    ``counts`` maps (subject, rule or derived-category code) to (sum of counts, sum of bases).
    A category never goes below zero; a derived category is its measurement scaled to its
    maximum. An unmeasured derived category scores nothing and is listed in ``missing``: such
    a subject is incomplete and left unranked, after the ranked ones (never full marks for an
    assessment nobody recorded). A category of maximum 0 is switched off: it scores 0 and
    needs no input."""
    base = D(definition.get("base", 100))
    results = []
    for subject in subjects:
        result = SubjectScore(subject)
        for category in definition["categories"]:
            maximum = D(category["max"])
            if category.get("derived_from"):
                measured = counts.get((subject, category["code"]))
                if measured is None and maximum > 0:
                    result.missing.append(category["code"])
                value = (
                    Decimal(0) if measured is None else measured[0] * maximum / D(category["derived_from"])
                )
                result.categories[category["code"]] = min(maximum, max(Decimal(0), value)).quantize(
                    TWO, ROUND_HALF_UP
                )
                continue
            taken = sum(
                (
                    rule_amount(rule, *counts.get((subject, rule["code"]), (Decimal(0), Decimal(0))))
                    for rule in category["rules"]
                ),
                Decimal(0),
            )
            result.categories[category["code"]] = max(Decimal(0), maximum - taken).quantize(
                TWO, ROUND_HALF_UP
            )
        result.bonus = sum(
            (
                rule_amount(rule, *counts.get((subject, rule["code"]), (Decimal(0), Decimal(0))))
                for rule in definition.get("bonuses", [])
            ),
            Decimal(0),
        ).quantize(TWO, ROUND_HALF_UP)
        result.vetoed = any(
            counts.get((subject, rule["code"]), (Decimal(0), Decimal(0)))[0] > 0
            for rule in definition.get("vetoes", [])
        )
        total = sum(result.categories.values(), Decimal(0)) + result.bonus
        if definition.get("bonus", "on_top") == "capped":
            total = min(total, base)
        result.total = total.quantize(TWO, ROUND_HALF_UP)
        results.append(result)
    ranked = sorted((r for r in results if not r.missing), key=lambda r: (-r.total, r.subject))
    for i, result in enumerate(ranked):
        result.rank = ranked[i - 1].rank if i and ranked[i - 1].total == result.total else i + 1
    unranked = sorted((r for r in results if r.missing), key=lambda r: r.subject)
    for result in unranked:
        result.rank = None
    return ranked + unranked
