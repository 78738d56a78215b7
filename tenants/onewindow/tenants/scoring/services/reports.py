"""Reports over final periods: the annual roll-up, rankings, awards, a subject's trend."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from onewindow.tenants.scoring.models import (
    Period,
    PeriodStatus,
    Result,
)
from onewindow.tenants.scoring.services.periods import bounds
from onewindow.tenants.scoring.services.rule_sets import (
    latest_definition,
    rule_set_named,
)


def annual(rule_set: str, year: int) -> dict[str, dict[str, Any]]:
    """年度得分: the roll-up the rule set says (mean of the final periods, or weight × that
    mean); a veto in any period fails the subject for the year."""
    the_set = rule_set_named(rule_set)
    periods = list(
        Period.objects.filter(
            rule_set=the_set, status=PeriodStatus.FINAL, starts_on__year=year
        ).select_related("version")
    )
    out: dict[str, dict[str, Any]] = {}
    # an unranked result (a derived category's input missing) is no score to average
    for result in Result.objects.filter(period__in=periods, rank__isnull=False):
        entry = out.setdefault(result.subject, {"totals": [], "vetoed": False})
        entry["totals"].append(result.total)
        entry["vetoed"] |= result.vetoed
    rollup = (latest_definition(the_set) or {}).get("rollup", {"kind": "mean", "weight": 1})
    for entry in out.values():
        mean = sum(entry["totals"], Decimal(0)) / len(entry["totals"])
        factor = Decimal(str(rollup.get("weight", 1))) if rollup.get("kind") == "weighted" else Decimal(1)
        entry["score"] = (mean * factor).quantize(Decimal("0.01"), ROUND_HALF_UP)
        entry["periods"] = len(entry["totals"])
    return out


def summary(rule_set: str, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Subjects ranked by their mean score over the final periods in [start, end] (月评比,
    季度排名); ties share a rank; vetoed subjects are marked."""
    the_set = rule_set_named(rule_set)
    rows: dict[str, dict[str, Any]] = {}
    for result in Result.objects.filter(
        period__rule_set=the_set,
        period__status=PeriodStatus.FINAL,
        period__starts_on__gte=start,
        period__ends_on__lte=end,
        rank__isnull=False,
    ):
        row = rows.setdefault(result.subject, {"subject": result.subject, "totals": [], "vetoed": False})
        row["totals"].append(result.total)
        row["vetoed"] |= result.vetoed
    ranked = sorted(
        (
            {
                **r,
                "mean": (sum(r["totals"], Decimal(0)) / len(r["totals"])).quantize(
                    Decimal("0.01"), ROUND_HALF_UP
                ),
                "periods": len(r["totals"]),
            }
            for r in rows.values()
        ),
        key=lambda r: (-r["mean"], r["subject"]),
    )
    for i, row in enumerate(ranked):
        row["rank"] = ranked[i - 1]["rank"] if i and ranked[i - 1]["mean"] == row["mean"] else i + 1
    return ranked


def awards(rule_set: str, day: dt.date) -> list[dict[str, Any]]:
    """The configured awards for the span containing ``day`` (季表彰: 优质窗口 …)."""
    definition = latest_definition(rule_set_named(rule_set)) or {}
    out = []
    for award in definition.get("awards", []):
        start, end = bounds(award["over"], day)
        eligible = [r for r in summary(rule_set, start, end) if not r["vetoed"]]
        winners = [r for r in eligible if r["rank"] <= award["top"]]
        out.append(
            {"code": award["code"], "name": award["name"], "start": start, "end": end, "winners": winners}
        )
    return out


def trend(rule_set: str, subject: str, year: int) -> list[Result]:
    """A subject's score period by period (趋势)."""
    return list(
        Result.objects.filter(period__rule_set__code=rule_set, subject=subject, period__starts_on__year=year)
        .select_related("period")
        .order_by("period__starts_on")
    )
