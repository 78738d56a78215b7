from __future__ import annotations

from typing import Any

import graphene
from django.db.models import QuerySet

from onewindow.graphql.core.connections import ConnectionField
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.permissions import require
from onewindow.graphql.scoring.types import IncidentType, PeriodType, ResultType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.scoring.models import Incident, Period, Result
from onewindow.tenants.scoring.services import annual, awards, summary, trend


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
        description="某考核期内的考核记录（每一分的依据）",
        required=True,
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
        return list(Result.objects.filter(period_id=period_id).order_by("rank", "subject"))

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_incidents(
        root: Any, info: Any, period: str, subject: str | None = None, **_: Any
    ) -> QuerySet[Incident]:
        found = Period.objects.filter(pk=decode_id(period, "AssessmentPeriod", field="period")).first()
        if found is None:
            return Incident.objects.none()
        qs = Incident.objects.filter(
            rule_set=found.rule_set, occurred_on__range=(found.starts_on, found.ends_on)
        )
        if subject:
            qs = qs.filter(subject=subject)
        return qs.order_by("occurred_on", "id")

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_annual_scores(root: Any, info: Any, rule_set: str, year: int) -> list[AnnualScore]:
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
    rank = graphene.Int(required=True)


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
        return [
            TrendPoint(starts_on=r.period.starts_on, total=r.total, rank=r.rank)
            for r in trend(rule_set, subject, year)
        ]
