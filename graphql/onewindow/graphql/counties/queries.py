from __future__ import annotations

from typing import Any, cast

import graphene

from onewindow.graphql.core.connections import ConnectionField
from onewindow.graphql.core.context import api_context
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.permissions import require
from onewindow.graphql.counties.types import CountyStatusEnum, CountyType, OnboardingJobType
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.counties.models import County, OnboardingJob


class CountyQueries(graphene.ObjectType):
    """County API: the addressed county (public: applicant-facing pages need its name)."""

    county = graphene.Field(CountyType, required=True, description="当前访问的县")

    @staticmethod
    def resolve_county(root: Any, info: Any) -> County:
        return cast(County, api_context(info).county)


class PlatformCountyQueries(graphene.ObjectType):
    """Platform API: the counties a provincial operator runs."""

    counties = ConnectionField(
        CountyType, status=CountyStatusEnum(), description="全部县（按行政区划代码排序）"
    )
    county = graphene.Field(CountyType, code=graphene.String(required=True), description="按代码查县")
    onboarding_job = graphene.Field(OnboardingJobType, id=graphene.ID(required=True), description="开通任务")

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_counties(root: Any, info: Any, status: str | None = None, **_: Any) -> Any:
        qs = County.objects.counties().order_by("code")
        if status:
            qs = qs.filter(status=status)
        return qs

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_county(root: Any, info: Any, code: str) -> County | None:
        return County.objects.counties().filter(code=code).first()

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_onboarding_job(root: Any, info: Any, id: str) -> OnboardingJob | None:
        return OnboardingJob.objects.filter(pk=decode_id(id, "OnboardingJob", field="id")).first()
