from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.permissions import require
from onewindow.graphql.scoring.types import IncidentType, PeriodType, ResultType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.scoring.models import Incident, Period, Result
from onewindow.tenants.scoring.services import annual


class AnnualScore(graphene.ObjectType):
    subject = graphene.String(required=True)
    score = graphene.Decimal(required=True)
    periods = graphene.Int(required=True)
    vetoed = graphene.Boolean(required=True)


class ScoringQueries(graphene.ObjectType):
    assessment_periods = graphene.List(
        graphene.NonNull(PeriodType),
        required=True,
        rule_set=graphene.String(required=True),
        description="考核期（最近 60 个）",
    )
    ranking = graphene.List(
        graphene.NonNull(ResultType),
        required=True,
        period=graphene.ID(required=True),
        description="排名表（并列同名次）",
    )
    incidents = graphene.List(
        graphene.NonNull(IncidentType),
        required=True,
        period=graphene.ID(required=True),
        subject=graphene.String(),
        description="某考核期内的考核记录（每一分的依据）",
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
    def resolve_assessment_periods(root: Any, info: Any, rule_set: str) -> list[Period]:
        return list(
            Period.objects.filter(rule_set__code=rule_set)
            .select_related("rule_set", "version")
            .order_by("-starts_on")[:60]
        )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_ranking(root: Any, info: Any, period: str) -> list[Result]:
        return (
            list(Result.objects.filter(period_id=int(period)).order_by("rank", "subject"))
            if period.isdigit()
            else []
        )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_incidents(root: Any, info: Any, period: str, subject: str | None = None) -> list[Incident]:
        found = Period.objects.filter(pk=int(period)).first() if period.isdigit() else None
        if found is None:
            return []
        qs = Incident.objects.filter(
            rule_set=found.rule_set, occurred_on__range=(found.starts_on, found.ends_on)
        )
        if subject:
            qs = qs.filter(subject=subject)
        return list(qs.order_by("occurred_on", "id")[:500])

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_annual_scores(root: Any, info: Any, rule_set: str, year: int) -> list[AnnualScore]:
        return [
            AnnualScore(subject=s, score=v["score"], periods=v["periods"], vetoed=v["vetoed"])
            for s, v in sorted(annual(rule_set, year).items(), key=lambda kv: -kv[1]["score"])
        ]
