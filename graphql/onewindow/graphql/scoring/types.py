from __future__ import annotations

from typing import Any

import graphene
from graphene.types.generic import GenericScalar
from graphene_django import DjangoObjectType

from onewindow.graphql.core.connections import CountableConnection
from onewindow.graphql.core.ids import resolve_global_id
from onewindow.tenants.scoring.models import Incident, Objection, Period, PeriodStatus, Result

PeriodStatusEnum = graphene.Enum.from_enum(PeriodStatus, description="考核期状态")


class PeriodType(DjangoObjectType):
    id = graphene.ID(required=True, description="全局 ID（不透明）")
    resolve_id = staticmethod(resolve_global_id)

    status = PeriodStatusEnum(required=True)
    rule_set_code = graphene.String(required=True)
    version = graphene.Int(required=True, description="计分所用的细则版本")

    class Meta:
        model = Period
        name = "AssessmentPeriod"
        use_connection = True
        connection_class = CountableConnection
        fields = ("id", "starts_on", "ends_on", "posted_until", "closed_at", "finalized_at")

    @staticmethod
    def resolve_rule_set_code(root: Period, info: Any) -> str:
        return root.rule_set.code

    @staticmethod
    def resolve_version(root: Period, info: Any) -> int:
        return root.version.number


class ResultType(DjangoObjectType):
    """One row of the ranking table."""

    categories = GenericScalar(required=True, description="{类别代码: 得分}")

    class Meta:
        model = Result
        name = "AssessmentResult"
        fields = ("subject", "bonus", "total", "rank", "vetoed")


class IncidentType(DjangoObjectType):
    """考核记录 behind a point."""

    id = graphene.ID(required=True, description="全局 ID（不透明）")
    resolve_id = staticmethod(resolve_global_id)

    evidence = graphene.List(graphene.NonNull(graphene.String), required=True, description="证据附件")

    class Meta:
        model = Incident
        name = "Incident"
        use_connection = True
        connection_class = CountableConnection
        fields = (
            "id",
            "rule",
            "subject",
            "occurred_on",
            "count",
            "base",
            "note",
            "evidence",
            "recorder",
            "cause",
            "withdrawn_at",
            "withdrawn_reason",
        )


class ObjectionType(DjangoObjectType):
    id = graphene.ID(required=True, description="全局 ID（不透明）")
    resolve_id = staticmethod(resolve_global_id)

    class Meta:
        model = Objection
        name = "Objection"
        fields = ("id", "subject", "text", "filed_at", "decision", "upheld", "decided_at")
