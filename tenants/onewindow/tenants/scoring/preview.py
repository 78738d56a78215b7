"""预览 — a rule set as edited, scored on the incidents of the last period, before it is saved.

Read-only: the edited definition is checked as the whole pack would be (the same errors with
the same paths as saving), then last period's recorded incidents are aggregated once (one
GROUP BY) and scored twice — with the rules in force and with the edited ones — so the admin
sees what the change would do to every subject's score and rank. Nothing is written, not
even the automatic incidents a real close collects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from onewindow.platform.core import clock
from onewindow.platform.core.errors import ValidationErrors
from onewindow.tenants.hall.models import Department, StaffMember, Window
from onewindow.tenants.policy.services import EntryErrors, edited_pack, validate_pack
from onewindow.tenants.scoring.engine import score
from onewindow.tenants.scoring.models import Incident, Period, PeriodStatus, RuleSet
from onewindow.tenants.scoring.services import bounds, latest_definition


@dataclass(frozen=True)
class PreviewRow:
    subject: str
    subject_name: str
    before: Decimal
    after: Decimal
    before_rank: int
    after_rank: int
    vetoed: bool
    categories: dict[str, str]


@dataclass(frozen=True)
class RulePreview:
    period: Period | None
    starts_on: dt.date
    ends_on: dt.date
    incidents: int
    rows: list[PreviewRow]


def _last_period(rule_set: RuleSet | None, kind: str) -> tuple[Period | None, dt.date, dt.date]:
    """The latest period already closed (its incidents are complete); else the one before today's."""
    if rule_set is not None:
        closed = (
            Period.objects.filter(rule_set=rule_set)
            .exclude(status=PeriodStatus.OPEN)
            .select_related("version")
            .order_by("-starts_on", "-id")
            .first()
        )
        if closed is not None:
            return closed, closed.starts_on, closed.ends_on
    this_start, _ = bounds(kind, clock.today())
    start, end = bounds(kind, this_start - dt.timedelta(days=1))
    return None, start, end


def _names(kind: str, only: list[str]) -> dict[str, str]:
    model = {"department": Department, "window": Window, "staff": StaffMember}[kind]
    rows = model.objects.live()
    return dict((rows.filter(code__in=only) if only else rows).values_list("code", "name"))


def preview_rule_set(entry: dict[str, Any]) -> RulePreview:
    """Score last period with ``entry`` (a partial edit of one rule set, by ``code``) applied."""
    pack, path = edited_pack("rule_sets", entry)
    try:
        checked = validate_pack(pack)
    except ValidationErrors as exc:
        raise EntryErrors(exc, path) from None
    edited = next(r for r in checked.rule_sets if r.code == entry["code"]).model_dump(mode="json")
    rule_set = RuleSet.objects.live().filter(code=entry["code"]).first()
    period, start, end = _last_period(rule_set, edited["period"])
    in_force = (
        period.version.definition
        if period is not None
        else (latest_definition(rule_set) if rule_set else None)
    )
    rows = (
        Incident.objects.filter(rule_set=rule_set, occurred_on__range=(start, end), withdrawn_at__isnull=True)
        .values("subject", "rule")
        .annotate(n=Sum("count"), base=Sum("base"))
        if rule_set is not None
        else []
    )
    counts = {(r["subject"], r["rule"]): (r["n"], r["base"]) for r in rows}
    names = _names(edited["subject"], edited.get("subjects") or [])
    subjects = list(names)
    after = {s.subject: s for s in score(edited, subjects, counts)}
    before = {s.subject: s for s in score(in_force, subjects, counts)} if in_force else {}
    found = [
        PreviewRow(
            subject=code,
            subject_name=names[code],
            before=before[code].total if code in before else Decimal(0),
            after=after[code].total,
            # 0: unranked (a derived category's input is missing)
            before_rank=(before[code].rank or 0) if code in before else 0,
            after_rank=after[code].rank or 0,
            vetoed=after[code].vetoed,
            categories={k: str(v) for k, v in after[code].categories.items()},
        )
        for code in subjects
    ]
    found.sort(key=lambda r: (r.after_rank == 0, r.after_rank, r.subject))
    return RulePreview(period, start, end, int(sum(n for n, _ in counts.values()) or 0), found)
