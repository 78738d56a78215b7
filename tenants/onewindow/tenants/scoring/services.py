"""Incidents, periods, closing, posting, objections, finalising, the annual roll-up.

Closing a period aggregates its incidents with one GROUP BY query (never a loop per incident),
scores every subject with the version in force when the period opened, ranks with ties and
stores the table. Automatic incidents come from the audit trail, once per cause.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, NotFound
from onewindow.platform.core.versioning import append_version
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.hall.models import Department, StaffMember, Window
from onewindow.tenants.scoring.engine import score
from onewindow.tenants.scoring.models import (
    Incident,
    Objection,
    Period,
    PeriodKind,
    PeriodStatus,
    Result,
    RuleSet,
)
from onewindow.tenants.workcalendar.calendar import WorkingCalendar

# Platform events a rule may name in ``events``, and how to find the subject they concern.
AUTOMATIC_EVENTS: dict[str, tuple[str, str]] = {
    # rule event: (audit action, data key holding the department/window code)
    "issuance_bypass": ("issuance.bypassed", "department"),
    "complaint_substantiated": ("complaint.substantiated", "departments"),
    "bad_review": ("review.bad", "department"),
    "reminder_overdue": ("escalation.fired", "department"),
    "catalog_report_late": ("catalog_change.reported", "department"),
}
# Events that count only when the audit data says so.
_EVENT_FILTERS = {
    "reminder_overdue": {"data__score": True},
    "catalog_report_late": {"data__reported_late": True},
}


# --- configuration ----------------------------------------------------------------------------


def write_rule_sets(specs: Any, rows: dict[str, RuleSet]) -> None:
    """A changed rule set gets a new version; published versions are never edited."""
    for spec in specs:
        append_version(rows[spec.code].versions, "definition", spec.model_dump(mode="json"))


def latest_definition(rule_set: RuleSet) -> dict[str, Any] | None:
    latest = rule_set.versions.order_by("-number").first()
    return dict(latest.definition) if latest else None


def _rule_set(code: str) -> RuleSet:
    rule_set = RuleSet.objects.live().filter(code=code).first()
    if rule_set is None:
        raise NotFound(f"考核细则 {code}", field="ruleSet")
    return rule_set


def _rule_codes(definition: dict[str, Any]) -> set[str]:
    codes = {r["code"] for c in definition["categories"] for r in c["rules"]}
    codes |= {c["code"] for c in definition["categories"] if c.get("derived_from")}
    codes |= {r["code"] for r in definition.get("bonuses", []) + definition.get("vetoes", [])}
    return codes


def subjects_of(kind: str) -> list[str]:
    model = {"department": Department, "window": Window, "staff": StaffMember}[kind]
    return list(model.objects.live().values_list("code", flat=True))


# --- incidents ----------------------------------------------------------------------------------


@transaction.atomic
def record_incident(
    rule_set: str,
    *,
    rule: str,
    subject: str,
    occurred_on: dt.date,
    count: float = 1,
    base: float = 0,
    note: str = "",
    evidence: list[str] | None = None,
    actor: object | None,
) -> Incident:
    """考核记录 by a recorder: the subject, the rule, the date, a note and evidence."""
    the_set = _rule_set(rule_set)
    definition = latest_definition(the_set) or {}
    if rule not in _rule_codes(definition):
        raise BusinessError("UNKNOWN_RULE", f"细则中没有 {rule}", field="rule")
    if subject not in subjects_of(the_set.subject):
        raise NotFound(f"考核对象 {subject}", field="subject")
    if count <= 0:
        raise BusinessError("INVALID_VALUE", "次数或数值须大于 0", field="count")
    incident = Incident.objects.create(
        rule_set=the_set,
        rule=rule,
        subject=subject,
        occurred_on=occurred_on,
        count=Decimal(str(count)),
        base=Decimal(str(base)),
        note=note.strip(),
        evidence=list(evidence or []),
        recorder=actor if isinstance(actor, str) else str(getattr(actor, "username", "system")),
        created_at=clock.now(),
    )
    record_event("scoring.incident_recorded", incident, actor=actor, data={"rule": rule, "subject": subject})
    return incident


def collect_automatic_incidents(
    rule_set: RuleSet, definition: dict[str, Any], start: dt.date, end: dt.date
) -> int:
    """Turn what the platform recorded (bypassed issuance, substantiated complaints, 差评, overdue
    reminders …) into incidents, once per cause (the audit event), for rules that ask for them."""
    made = 0
    rules = (
        [r for c in definition["categories"] for r in c["rules"]]
        + definition.get("bonuses", [])
        + definition.get("vetoes", [])
    )
    subjects = set(subjects_of(rule_set.subject))
    for rule in rules:
        for event_name in rule.get("events", []):
            if event_name == "review_ratio" and rule_set.subject == "window":
                made += _measure_reviews(rule_set, rule["code"], subjects, start, end)
                continue
            if event_name not in AUTOMATIC_EVENTS:
                continue
            action, key = AUTOMATIC_EVENTS[event_name]
            events = AuditEvent.objects.filter(action=action, occurred_at__date__range=(start, end))
            events = events.filter(**_EVENT_FILTERS.get(event_name, {}))
            for event in events.iterator():
                found = event.data.get(key)
                codes = found if isinstance(found, list) else [found]
                if event_name == "reminder_overdue" and event.data.get("subject", "").startswith("Case:"):
                    case_pk = event.data["subject"].split(":", 1)[1]
                    from onewindow.tenants.cases.models import Case  # the case's department answers

                    codes = list(Case.objects.filter(pk=case_pk).values_list("department__code", flat=True))
                for code in codes:
                    if code not in subjects:
                        continue
                    _, created = Incident.objects.get_or_create(
                        cause=f"audit:{event.pk}:{rule['code']}:{code}",
                        defaults={
                            "rule_set": rule_set,
                            "rule": rule["code"],
                            "subject": code,
                            "occurred_on": event.occurred_at.astimezone(clock.COUNTY_TZ).date(),
                            "note": f"自动：{action}",
                            "recorder": "system",
                            "created_at": clock.now(),
                        },
                    )
                    made += created
    return made


def _measure_reviews(rule_set: RuleSet, rule: str, windows: set[str], start: dt.date, end: dt.date) -> int:
    """差评 per window in the period as one measurement: count = 差评, base = all reviews."""
    from django.db.models import Count, Q

    from onewindow.tenants.cases.models import Review

    made = 0
    rows = (
        Review.objects.filter(created_at__date__range=(start, end), window__code__in=windows)
        .values("window__code")
        .annotate(total=Count("id"), bad=Count("id", filter=Q(level__lte=2)))
    )
    for row in rows:
        _, created = Incident.objects.update_or_create(
            cause=f"ratio:{rule}:{row['window__code']}:{start.isoformat()}",
            defaults={
                "rule_set": rule_set,
                "rule": rule,
                "subject": row["window__code"],
                "occurred_on": end,
                "count": row["bad"] or 0,
                "base": row["total"],
                "note": "自动：好差评统计",
                "recorder": "system",
                "created_at": clock.now(),
            },
        )
        made += created
    return made


# --- periods ------------------------------------------------------------------------------------


def bounds(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    if kind == PeriodKind.WEEK:
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if kind == PeriodKind.MONTH:
        start = day.replace(day=1)
        nxt = (start + dt.timedelta(days=32)).replace(day=1)
        return start, nxt - dt.timedelta(days=1)
    if kind == PeriodKind.QUARTER:
        month = 3 * ((day.month - 1) // 3) + 1
        start = day.replace(month=month, day=1)
        nxt = dt.date(start.year + (month == 10), 1 if month == 10 else month + 3, 1)
        return start, nxt - dt.timedelta(days=1)
    return day.replace(month=1, day=1), day.replace(month=12, day=31)


@transaction.atomic
def open_period(rule_set: str, day: dt.date, *, actor: object | None) -> Period:
    """The period containing ``day``, scored with the version in force now (when it opens)."""
    the_set = _rule_set(rule_set)
    start, end = bounds(the_set.period, day)
    existing = Period.objects.filter(rule_set=the_set, starts_on=start).first()
    if existing is not None:
        return existing
    version = the_set.versions.order_by("-number").first()
    if version is None:
        raise BusinessError("NO_RULES", "该细则还没有版本", field="ruleSet")
    period = Period.objects.create(rule_set=the_set, version=version, starts_on=start, ends_on=end)
    record_event("scoring.period_opened", period, actor=actor, data={"version": version.number})
    return period


def _compute(period: Period) -> list[Result]:
    definition = period.version.definition
    collect_automatic_incidents(period.rule_set, definition, period.starts_on, period.ends_on)
    rows = (
        Incident.objects.filter(
            rule_set=period.rule_set,
            occurred_on__range=(period.starts_on, period.ends_on),
            withdrawn_at__isnull=True,
        )
        .values("subject", "rule")
        .annotate(n=Sum("count"), base=Sum("base"))
    )
    counts = {(r["subject"], r["rule"]): (r["n"], r["base"]) for r in rows}
    scores = score(definition, subjects_of(period.rule_set.subject), counts)
    Result.objects.filter(period=period).delete()
    return Result.objects.bulk_create(
        [
            Result(
                period=period,
                subject=s.subject,
                categories={k: str(v) for k, v in s.categories.items()},
                bonus=s.bonus,
                total=s.total,
                rank=s.rank,
                vetoed=s.vetoed,
            )
            for s in scores
        ]
    )


@transaction.atomic
def close_period(period_id: int, *, actor: object | None, post_days: int | None = None) -> Period:
    """Score and rank. With ``post_days`` (乌审旗: at least 3 working days) the table is posted
    for objections before it can be finalised; without, it is final at once (通许's weekly)."""
    period = (
        Period.objects.select_for_update().select_related("version", "rule_set").filter(pk=period_id).first()
    )
    if period is None:
        raise NotFound("考核期", field="period")
    if period.status != PeriodStatus.OPEN:
        raise BusinessError("INVALID_TRANSITION", "该考核期已关闭", field="period")
    results = _compute(period)
    period.closed_at = clock.now()
    if post_days:
        period.status = PeriodStatus.POSTED
        period.posted_until = WorkingCalendar.for_active_county().add_working_days(clock.today(), post_days)
    else:
        period.status, period.finalized_at = PeriodStatus.FINAL, clock.now()
    period.save(update_fields=["status", "closed_at", "posted_until", "finalized_at"])
    record_event(
        "scoring.period_closed",
        period,
        actor=actor,
        data={"subjects": len(results), "posted_until": str(period.posted_until or "")},
    )
    return period


@transaction.atomic
def file_objection(period_id: int, *, subject: str, text: str, actor: object | None) -> Objection:
    period = Period.objects.filter(pk=period_id).first()
    if period is None:
        raise NotFound("考核期", field="period")
    if period.status != PeriodStatus.POSTED or (period.posted_until and clock.today() > period.posted_until):
        raise BusinessError("NOT_POSTED", "只能在公示期内提出异议", field="period")
    if not text.strip():
        raise BusinessError("REQUIRED", "请写明异议内容", field="text")
    objection = Objection.objects.create(
        period=period, subject=subject, text=text.strip(), filed_at=clock.now()
    )
    record_event("scoring.objection_filed", objection, actor=actor, data={"subject": subject})
    return objection


@transaction.atomic
def decide_objection(
    objection_id: int, *, upheld: bool, decision: str, withdraw: list[int] | None = None, actor: object | None
) -> Objection:
    """An upheld objection may withdraw incidents; the posted table is recomputed."""
    objection = (
        Objection.objects.select_for_update()
        .select_related("period__version", "period__rule_set")
        .filter(pk=objection_id)
        .first()
    )
    if objection is None:
        raise NotFound("异议", field="objection")
    if objection.decided_at is not None:
        raise BusinessError("ALREADY_DECIDED", "该异议已处理", field="objection")
    period = objection.period
    if upheld and withdraw:
        Incident.objects.filter(pk__in=withdraw, rule_set=period.rule_set).update(
            withdrawn_at=clock.now(), withdrawn_reason=f"异议成立：{decision.strip()}"
        )
    objection.upheld, objection.decision, objection.decided_at = upheld, decision.strip(), clock.now()
    objection.save(update_fields=["upheld", "decision", "decided_at"])
    if upheld:
        _compute(period)
    record_event(
        "scoring.objection_decided",
        objection,
        actor=actor,
        data={"upheld": upheld, "withdrawn": withdraw or []},
    )
    return objection


@transaction.atomic
def finalize_period(period_id: int, *, actor: object | None) -> Period:
    period = Period.objects.select_for_update().filter(pk=period_id).first()
    if period is None:
        raise NotFound("考核期", field="period")
    if period.status != PeriodStatus.POSTED:
        raise BusinessError("INVALID_TRANSITION", "公示中的考核期才能定稿", field="period")
    if period.posted_until and clock.today() <= period.posted_until:
        raise BusinessError("STILL_POSTED", f"公示至 {period.posted_until}，期满后才能定稿", field="period")
    if period.objections.filter(decided_at__isnull=True).exists():
        raise BusinessError("OBJECTIONS_PENDING", "还有未处理的异议", field="period")
    period.status, period.finalized_at = PeriodStatus.FINAL, clock.now()
    period.save(update_fields=["status", "finalized_at"])
    record_event("scoring.period_finalized", period, actor=actor, data={})
    return period


def annual(rule_set: str, year: int) -> dict[str, dict[str, Any]]:
    """年度得分: the roll-up the rule set says (mean of the final periods, or weight × that
    mean); a veto in any period fails the subject for the year."""
    the_set = _rule_set(rule_set)
    periods = list(
        Period.objects.filter(
            rule_set=the_set, status=PeriodStatus.FINAL, starts_on__year=year
        ).select_related("version")
    )
    out: dict[str, dict[str, Any]] = {}
    for result in Result.objects.filter(period__in=periods):
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
    the_set = _rule_set(rule_set)
    rows: dict[str, dict[str, Any]] = {}
    for result in Result.objects.filter(
        period__rule_set=the_set,
        period__status=PeriodStatus.FINAL,
        period__starts_on__gte=start,
        period__ends_on__lte=end,
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
    definition = latest_definition(_rule_set(rule_set)) or {}
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
