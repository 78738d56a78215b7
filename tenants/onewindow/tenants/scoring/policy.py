"""Scoring's slice of the policy pack: the rule sets (考核细则). A changed rule set gets a new
version; a period is scored with the version it started with."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from onewindow.platform.core.errors import ErrorDetail
from onewindow.tenants.policy.base import Code, PackContext, Slice, Strict, Text, columns
from onewindow.tenants.scoring.models import RuleSet
from onewindow.tenants.scoring.services import latest_definition, write_rule_sets
from onewindow.tenants.scoring.subscriptions import rule_event_names


def known_events() -> set[str]:
    """The event names a rule may list in ``events``: the event catalog's, scoring's own
    names for them (the presets'), and the measured 差评 ratio."""
    return set(rule_event_names())


class ScoringRuleSpec(Strict):
    """One rule of a rule set.

    - ``deduction``: ``points`` off per occurrence (``cap``: at most this much in all);
    - ``sub_item``: ``points`` at stake; each occurrence costs ``per`` (default: all of them);
    - ``threshold``: when the measured ratio (occurrences / base) exceeds ``ratio``, ``per``
      off per occurrence, within ``points``;
    - ``bonus``: ``points`` added per occurrence (``cap`` optional);
    - ``veto``: any occurrence fails the subject for the year (一票否决).
    ``events`` name the platform events that record it automatically."""

    code: Code
    name: Text
    kind: Literal["deduction", "sub_item", "threshold", "bonus", "veto"]
    points: float = Field(default=0, ge=0, le=100)
    per: float | None = Field(default=None, ge=0, le=100)
    cap: float | None = Field(default=None, ge=0, le=100)
    ratio: float | None = Field(default=None, gt=0, lt=1)
    events: list[Code] = []
    # reminders (``reminder_overdue``) count only from these chains; empty: from any chain
    chains: list[Code] = []


class CategorySpec(Strict):
    code: Code
    name: Text
    max: float = Field(ge=0, le=100)  # 0: the county switched the category off
    # derived: the category's score is a measured value (e.g. the staff assessment, out of
    # ``derived_from``) scaled to ``max`` (乌审旗 人员管理)
    derived_from: float | None = Field(default=None, gt=0, le=1000)
    rules: list[ScoringRuleSpec] = []


class RollupSpec(Strict):
    """How period scores make the annual one: ``mean`` of the periods assessed, or ``weighted``:
    ``weight`` × the mean of the periods (通许's 25%, read as in the preset)."""

    kind: Literal["mean", "weighted"] = "mean"
    weight: float = Field(default=1, gt=0, le=1)


class AwardSpec(Strict):
    """An award from the ranking over a longer span (通许 季表彰: 优质窗口): the ``top`` subjects by
    mean score of the final periods in that month / quarter / year, vetoed ones excluded."""

    code: Code
    name: Text
    over: Literal["month", "quarter", "year"]
    top: int = Field(ge=1, le=100)


class PostingSpec(Strict):
    """公示 of a closed period's ranking: at least ``min_working_days`` (乌审旗 000 附件3 四(二):
    不少于3个工作日). A rule set with a posting cannot be finalised at close."""

    min_working_days: int = Field(ge=1, le=30)


class RuleSetSpec(Strict):
    code: Code
    name: Text
    subject: Literal["department", "window", "staff"]
    period: Literal["week", "month", "quarter", "year"]
    base: float = Field(default=100, gt=0)
    bonus: Literal["on_top", "capped"] = "on_top"  # bonuses above the base, or never past it
    categories: list[CategorySpec] = Field(min_length=1)
    bonuses: list[ScoringRuleSpec] = []
    vetoes: list[ScoringRuleSpec] = []
    rollup: RollupSpec = RollupSpec()
    awards: list[AwardSpec] = []
    # the subjects assessed, by code (乌审旗 附件3 二 names six departments); empty: every live
    # department / window / staff member of the subject kind
    subjects: list[Code] = []
    posting: PostingSpec | None = None
    # a derived category with no input (the staff assessment never recorded): ``refuse`` to
    # close until it is recorded, or close with the subject ``unranked``
    missing_input: Literal["refuse", "unranked"] = "refuse"
    draft: bool = False
    note: str = ""


def _rule_sets(rule_sets: list[RuleSetSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    events = known_events()
    sections = {"department": "departments", "window": "windows", "staff": "staff"}
    for i, rule_set in enumerate(rule_sets):
        codes_seen: set[str] = set()
        if rule_set.subjects:
            known = ctx.codes(sections[rule_set.subject])
            for m, code in enumerate(rule_set.subjects):
                if code not in known:
                    yield ErrorDetail(
                        "UNKNOWN_SUBJECT", f"政策包中没有考核对象 {code}", f"rule_sets[{i}].subjects[{m}]"
                    )
        total = sum(c.max for c in rule_set.categories)
        if abs(total - rule_set.base) > 1e-6:
            yield ErrorDetail(
                "CATEGORIES_NOT_BASE",
                f"各类别满分合计 {total:g} 不等于基础分 {rule_set.base:g}",
                f"rule_sets[{i}].categories",
            )
        rules = [
            (f"categories[{j}].rules[{k}]", r)
            for j, c in enumerate(rule_set.categories)
            for k, r in enumerate(c.rules)
        ]
        rules += [(f"bonuses[{k}]", r) for k, r in enumerate(rule_set.bonuses)]
        rules += [(f"vetoes[{k}]", r) for k, r in enumerate(rule_set.vetoes)]
        for where, rule in rules:
            path = f"rule_sets[{i}].{where}"
            if rule.code in codes_seen:
                yield ErrorDetail("DUPLICATE_CODE", f"规则 {rule.code} 重复", f"{path}.code")
            codes_seen.add(rule.code)
            if rule.kind == "threshold" and rule.ratio is None:
                yield ErrorDetail("REQUIRED", "阈值规则须给出比例", f"{path}.ratio")
            if rule.kind in ("deduction", "bonus", "threshold") and not (rule.points or rule.per):
                yield ErrorDetail("REQUIRED", "请给出分值", f"{path}.points")
            for m, name in enumerate(rule.events):
                if name not in events:
                    yield ErrorDetail("UNKNOWN_EVENT", f"没有名为 {name} 的事件", f"{path}.events[{m}]")
            chains = ctx.codes("chains") if rule.chains else set()
            for m, chain in enumerate(rule.chains):
                if chain not in chains:
                    yield ErrorDetail("UNKNOWN_CHAIN", f"政策包中没有督办链 {chain}", f"{path}.chains[{m}]")
        for k, rule in enumerate(rule_set.bonuses):
            if rule.kind != "bonus":
                yield ErrorDetail(
                    "INVALID_VALUE", "加分项的类型须为 bonus", f"rule_sets[{i}].bonuses[{k}].kind"
                )
        for k, rule in enumerate(rule_set.vetoes):
            if rule.kind != "veto":
                yield ErrorDetail(
                    "INVALID_VALUE", "否决项的类型须为 veto", f"rule_sets[{i}].vetoes[{k}].kind"
                )


class _RuleSets(Slice):
    """The whole definition lives in the rule set's versions; the row holds what lists show."""

    def export(self) -> Any:
        return [
            latest_definition(r)
            or {"code": r.code, "name": r.name, "subject": r.subject, "period": r.period, "categories": []}
            for r in self.model.objects.live()
        ]

    def apply(self, entries: Any, ctx: PackContext) -> dict[str, Any]:
        rows = super().apply(entries, ctx)
        write_rule_sets(entries, rows)
        return rows


RULE_SETS = _RuleSets(
    "rule_sets", RuleSetSpec, RuleSet, columns("name", "subject", "period"), check=_rule_sets
)

__all__ = [
    "RULE_SETS",
    "AwardSpec",
    "CategorySpec",
    "PostingSpec",
    "RollupSpec",
    "RuleSetSpec",
    "ScoringRuleSpec",
    "known_events",
]
