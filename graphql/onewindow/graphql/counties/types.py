from __future__ import annotations

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from onewindow.graphql.core.connections import CountableConnection
from onewindow.graphql.core.errors import Error
from onewindow.graphql.core.ids import resolve_global_id
from onewindow.platform.counties.models import County, CountyStatus, JobStatus, OnboardingJob

CountyStatusEnum = graphene.Enum.from_enum(CountyStatus, description="县的状态")


class CountyType(DjangoObjectType):
    """县 — a tenant. ``code`` is the 6-digit 行政区划代码."""

    code = graphene.String(required=True, description="行政区划代码")
    status = CountyStatusEnum(required=True)

    class Meta:
        model = County
        name = "County"
        fields = ("code", "name", "province", "status")
        interfaces = (graphene.relay.Node,)
        connection_class = CountableConnection

    @classmethod
    def get_queryset(cls, queryset, info):  # type: ignore[no-untyped-def]
        return queryset.counties()


JobStatusEnum = graphene.Enum.from_enum(JobStatus, description="开通任务状态")


class OnboardingJobType(graphene.ObjectType):
    """开通任务 and how far it got."""

    class Meta:
        name = "OnboardingJob"

    id = graphene.ID(required=True, description="全局 ID（不透明）")
    resolve_id = staticmethod(resolve_global_id)
    code = graphene.String(required=True)
    name = graphene.String(required=True)
    preset = graphene.String()
    status = JobStatusEnum(required=True)
    step = graphene.String(required=True)
    progress = graphene.Int(required=True, description="0–100")
    errors = graphene.List(graphene.NonNull(Error), required=True)
    seconds = graphene.Float(description="从开始到就绪的秒数")

    @staticmethod
    def resolve_errors(root: OnboardingJob, info: Any) -> list[Error]:
        return [Error(field=e.get("field"), code=e["code"], message=e["message"]) for e in root.errors]

    @staticmethod
    def resolve_preset(root: OnboardingJob, info: Any) -> str | None:
        return root.preset or None
