from __future__ import annotations

import base64
from typing import Any

import graphene
from django.db.models import F, QuerySet

from onewindow.graphql.core.connections import ConnectionField
from onewindow.graphql.core.context import api_context
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.permissions import require
from onewindow.graphql.scoring.types import (
    AssessmentRuleSet,
    AssessmentSubject,
    EvidenceContent,
    IncidentType,
    PeriodType,
    ResultType,
    _rules,
    categories_of,
)
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.scoring.models import Incident, Period, Result
from onewindow.tenants.scoring.selectors import live_rule_sets, rules_of_category, subject_names
from onewindow.tenants.scoring.services import annual, awards, read_evidence, summary, trend


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise BusinessError("INVALID_YEAR", "年份须在 2000 到 2100 之间", field="year")


class AnnualScore(graphene.ObjectType):
    subject = graphene.String(required=True)
    score = graphene.Decimal(required=True)
    periods = graphene.Int(required=True)
    vetoed = graphene.Boolean(required=True)


class ScoringQueries(graphene.ObjectType):
    assessment_periods = ConnectionField(
        PeriodType, rule_set=graphene.String(required=True), description="考核期（最近的在前）", required=True
    )
    ranking = graphene.List(
        graphene.NonNull(ResultType),
        required=True,
        period=graphene.ID(required=True),
        description="排名表（并列同名次）",
    )
    incidents = ConnectionField(
        IncidentType,
        period=graphene.ID(required=True),
        subject=graphene.String(),
        category=graphene.String(description="类别代码（bonuses：加分项，vetoes：否决项）"),
        rule=graphene.String(),
        description="某考核期内的考核记录（每一分的依据）",
        required=True,
    )
    assessment_period = graphene.Field(PeriodType, id=graphene.ID(required=True), description="一个考核期")
    assessment_rule_sets = graphene.List(
        graphene.NonNull(AssessmentRuleSet),
        required=True,
        description="考核细则（现行版本的类别、规则与考核对象），供考核人员使用",
    )
    incident_evidence = graphene.Field(
        EvidenceContent,
        incident=graphene.ID(required=True),
        index=graphene.Int(required=True),
        description="考核记录的证据附件（仅本县考核人员）",
    )
    annual_scores = graphene.List(
        graphene.NonNull(AnnualScore),
        required=True,
        rule_set=graphene.String(required=True),
        year=graphene.Int(required=True),
        description="年度得分（按细则的汇总方式）",
    )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_assessment_periods(root: Any, info: Any, rule_set: str, **_: Any) -> QuerySet[Period]:
        return (
            Period.objects.filter(rule_set__code=rule_set)
            .select_related("rule_set", "version")
            .order_by("-starts_on", "-id")
        )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_ranking(root: Any, info: Any, period: str) -> list[Result]:
        period_id = decode_id(period, "AssessmentPeriod", field="period")
        return list(
            Result.objects.filter(period_id=period_id).order_by(F("rank").asc(nulls_last=True), "subject")
        )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_incidents(
        root: Any,
        info: Any,
        period: str,
        subject: str | None = None,
        category: str | None = None,
        rule: str | None = None,
        **_: Any,
    ) -> QuerySet[Incident]:
        found = (
            Period.objects.select_related("version")
            .filter(pk=decode_id(period, "AssessmentPeriod", field="period"))
            .first()
        )
        if found is None:
            return Incident.objects.none()
        qs = Incident.objects.filter(
            rule_set=found.rule_set, occurred_on__range=(found.starts_on, found.ends_on)
        )
        if subject:
            qs = qs.filter(subject=subject)
        if category:
            qs = qs.filter(rule__in=rules_of_category(found.version.definition, category))
        if rule:
            qs = qs.filter(rule=rule)
        return qs.order_by("occurred_on", "id")

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_assessment_period(root: Any, info: Any, id: str) -> Period | None:
        return (
            Period.objects.select_related("rule_set", "version")
            .filter(pk=decode_id(id, "AssessmentPeriod", field="id"))
            .first()
        )

    @staticmethod
    @require(Perm.SCORING)
    def resolve_assessment_rule_sets(root: Any, info: Any) -> list[AssessmentRuleSet]:
        out = []
        subjects: dict[tuple[str, ...], list[AssessmentSubject]] = {}
        for rule_set in live_rule_sets().prefetch_related("versions"):
            latest = max(rule_set.versions.all(), key=lambda v: v.number, default=None)
            definition = dict(latest.definition) if latest else {}
            only = list(definition.get("subjects") or [])
            key = (rule_set.subject, *only)
            if key not in subjects:
                subjects[key] = [
                    AssessmentSubject(code=c, name=n) for c, n in subject_names(rule_set.subject, only)
                ]
            out.append(
                AssessmentRuleSet(
                    code=rule_set.code,
                    name=rule_set.name,
                    subject_kind=rule_set.subject,
                    period_kind=rule_set.period,
                    draft=bool(definition.get("draft")),
                    note=definition.get("note", ""),
                    version=latest.number if latest else None,
                    categories=categories_of(definition),
                    bonuses=_rules(definition.get("bonuses", [])),
                    vetoes=_rules(definition.get("vetoes", [])),
                    subjects=subjects[key],
                    posting_min_days=(definition.get("posting") or {}).get("min_working_days"),
                    missing_input=definition.get("missing_input", "refuse"),
                )
            )
        return out

    @staticmethod
    @require(Perm.SCORING)
    def resolve_incident_evidence(root: Any, info: Any, incident: str, index: int) -> EvidenceContent:
        entry, content = read_evidence(
            decode_id(incident, "Incident", field="incident"), index, actor=api_context(info).user
        )
        return EvidenceContent(
            name=entry["name"],
            content_type=entry.get("content_type") or "application/octet-stream",
            size=len(content),
            content=base64.b64encode(content).decode("ascii"),
        )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_annual_scores(root: Any, info: Any, rule_set: str, year: int) -> list[AnnualScore]:
        _check_year(year)
        return [
            AnnualScore(subject=s, score=v["score"], periods=v["periods"], vetoed=v["vetoed"])
            for s, v in sorted(annual(rule_set, year).items(), key=lambda kv: -kv[1]["score"])
        ]


class SummaryRow(graphene.ObjectType):
    subject = graphene.String(required=True)
    mean = graphene.Decimal(required=True)
    periods = graphene.Int(required=True)
    rank = graphene.Int(required=True)
    vetoed = graphene.Boolean(required=True)


def _row(ranked: dict[str, Any]) -> SummaryRow:
    return SummaryRow(**{k: ranked[k] for k in ("subject", "mean", "periods", "rank", "vetoed")})


class AwardType(graphene.ObjectType):
    code = graphene.String(required=True)
    name = graphene.String(required=True)
    start = graphene.Date(required=True)
    end = graphene.Date(required=True)
    winners = graphene.List(graphene.NonNull(SummaryRow), required=True)


class TrendPoint(graphene.ObjectType):
    starts_on = graphene.Date(required=True)
    total = graphene.Decimal(required=True)
    rank = graphene.Int(description="名次；缺测量值未排名时为空")


class ScoringSummaryQueries(graphene.ObjectType):
    assessment_summary = graphene.List(
        graphene.NonNull(SummaryRow),
        required=True,
        rule_set=graphene.String(required=True),
        start=graphene.Date(required=True),
        end=graphene.Date(required=True),
        description="一段时间内的平均得分排名（如月评比）",
    )
    awards = graphene.List(
        graphene.NonNull(AwardType),
        required=True,
        rule_set=graphene.String(required=True),
        day=graphene.Date(required=True),
        description="按细则配置评出的表彰（如季度优质窗口）",
    )
    trend = graphene.List(
        graphene.NonNull(TrendPoint),
        required=True,
        rule_set=graphene.String(required=True),
        subject=graphene.String(required=True),
        year=graphene.Int(required=True),
        description="得分趋势",
    )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_assessment_summary(
        root: Any, info: Any, rule_set: str, start: Any, end: Any
    ) -> list[SummaryRow]:
        return [_row(r) for r in summary(rule_set, start, end)]

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_awards(root: Any, info: Any, rule_set: str, day: Any) -> list[AwardType]:
        return [
            AwardType(
                code=a["code"],
                name=a["name"],
                start=a["start"],
                end=a["end"],
                winners=[_row(r) for r in a["winners"]],
            )
            for a in awards(rule_set, day)
        ]

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_trend(root: Any, info: Any, rule_set: str, subject: str, year: int) -> list[TrendPoint]:
        _check_year(year)
        return [
            TrendPoint(starts_on=r.period.starts_on, total=r.total, rank=r.rank)
            for r in trend(rule_set, subject, year)
        ]
