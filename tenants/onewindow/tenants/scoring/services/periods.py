"""Periods: open, close (score and rank), post for objections, finalise."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Sum

from onewindow.platform.benchmarks.periods import bounds as period_bounds
from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, NotFound
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.scoring.engine import score
from onewindow.tenants.scoring.models import (
    Incident,
    Objection,
    Period,
    PeriodStatus,
    Result,
)
from onewindow.tenants.scoring.selectors import subject_names
from onewindow.tenants.scoring.services.incidents import collect_automatic_incidents
from onewindow.tenants.scoring.services.rule_sets import (
    rule_set_named,
    subjects_of,
)
from onewindow.tenants.workcalendar.calendar import WorkingCalendar

MAX_POST_DAYS = 30  # working days a ranking may stay posted


def bounds(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The week, month, quarter or year containing ``day`` (one calendar for the province's
    benchmarks and a county's assessment periods)."""
    return period_bounds(str(kind), day)


@transaction.atomic
def open_period(rule_set: str, day: dt.date, *, actor: object | None) -> Period:
    """The period containing ``day``, scored with the version in force now (when it opens)."""
    the_set = rule_set_named(rule_set)
    start, end = bounds(the_set.period, day)
    existing = Period.objects.filter(rule_set=the_set, starts_on=start).first()
    if existing is not None:
        return existing
    version = the_set.versions.order_by("-number").first()
    if version is None:
        raise BusinessError("NO_RULES", "该细则还没有版本", field="rule_set")
    period = Period.objects.create(rule_set=the_set, version=version, starts_on=start, ends_on=end)
    record_event("scoring.period_opened", period, actor=actor, data={"version": version.number})
    return period


class InputMissing(BusinessError):
    """Closing refused: derived categories lack their input (``missing``: subject → categories)."""

    def __init__(self, missing: dict[str, list[str]], names: dict[str, str]) -> None:
        listed = "；".join(
            f"{names.get(subject, subject)}：{'、'.join(names.get(c, c) for c in categories)}"
            for subject, categories in missing.items()
        )
        super().__init__("INPUT_MISSING", f"以下考核对象尚缺测量值，不能结算——{listed}", field="period")
        self.missing = missing


def _compute(period: Period, *, refuse_missing: bool = False) -> list[Result]:
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
    scores = score(definition, subjects_of(period.rule_set.subject, definition), counts)
    missing = {s.subject: s.missing for s in scores if s.missing}
    if missing and refuse_missing and definition.get("missing_input", "refuse") == "refuse":
        names = dict(subject_names(period.rule_set.subject, list(missing)))
        names |= {c["code"]: c["name"] for c in definition["categories"]}
        raise InputMissing(missing, names)
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
                missing=s.missing,
            )
            for s in scores
        ]
    )


@transaction.atomic
def close_period(
    period_id: int, *, actor: object | None, post_days: int | None = None, early: bool = False
) -> Period:
    """Score and rank. With ``post_days`` the table is posted for objections before it can be
    finalised; without, it is final at once (通许's weekly). A rule set with a ``posting``
    minimum (乌审旗 000 附件3 四(二): 不少于3个工作日) refuses fewer days, or none.

    A subject whose derived category has no input (人员管理 with no staff assessment) stops
    the close (``INPUT_MISSING`` listing what is missing), unless the rule set says
    ``missing_input: unranked``: then it closes with that subject unranked."""
    period = (
        Period.objects.select_for_update().select_related("version", "rule_set").filter(pk=period_id).first()
    )
    if period is None:
        raise NotFound("考核期", field="period")
    if period.status != PeriodStatus.OPEN:
        raise BusinessError("INVALID_TRANSITION", "该考核期已关闭", field="period")
    if post_days is not None and not 0 <= post_days <= MAX_POST_DAYS:
        raise BusinessError(
            "INVALID_VALUE", f"公示天数须在 0 到 {MAX_POST_DAYS} 个工作日之间", field="post_days"
        )
    posting = period.version.definition.get("posting") or {}
    least = posting.get("min_working_days")
    if least and (post_days or 0) < least:
        raise BusinessError(
            "POSTING_TOO_SHORT",
            f"本细则规定排名须公示不少于 {least} 个工作日",
            field="post_days",
        )
    if not early and clock.today() <= period.ends_on:
        # a period closed before it ends leaves out what happens in its last days: only on purpose
        message = f"考核期到 {period.ends_on} 才结束；确需提前结算请选择“提前结算”"
        raise BusinessError("PERIOD_NOT_OVER", message, field="early")
    results = _compute(period, refuse_missing=True)
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
        data={"subjects": len(results), "posted_until": str(period.posted_until or ""), "early": early},
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
    if subject not in subjects_of(period.rule_set.subject, period.version.definition):
        raise NotFound(f"考核对象 {subject}", field="subject")
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
    if not decision.strip():
        raise BusinessError("REQUIRED", "请写明处理意见（不成立时写明理由）", field="decision")
    period = objection.period
    if upheld and withdraw:
        # only the objecting subject's incidents of this period: never another's, never another period's
        behind = Incident.objects.filter(
            pk__in=withdraw,
            rule_set=period.rule_set,
            subject=objection.subject,
            occurred_on__range=(period.starts_on, period.ends_on),
            withdrawn_at__isnull=True,
        )
        if behind.count() != len(set(withdraw)):
            raise BusinessError(
                "NOT_BEHIND_OBJECTION", "只能撤销本考核期内、被异议对象的有效考核记录", field="withdraw"
            )
        behind.update(withdrawn_at=clock.now(), withdrawn_reason=f"异议成立：{decision.strip()}")
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
