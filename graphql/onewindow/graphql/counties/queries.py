from __future__ import annotations

from typing import Any, cast

import graphene
from django.db.models import Q

from onewindow.graphql.core.connections import ConnectionField, ListConnectionField, connection_of
from onewindow.graphql.core.context import api_context
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.permissions import require
from onewindow.graphql.counties.types import (
    CountyStatusEnum,
    CountyType,
    OnboardingJobType,
    OnboardingTemplateType,
    PlatformCountyType,
)
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.counties.models import County, OnboardingJob
from onewindow.tenants.policy.presets import PRESETS
from onewindow.tenants.policy.templates import TEMPLATES, Template


class CountyQueries(graphene.ObjectType):
    """County API: the addressed county (public: applicant-facing pages need its name)."""

    county = graphene.Field(CountyType, required=True, description="当前访问的县")

    @staticmethod
    def resolve_county(root: Any, info: Any) -> County:
        return cast(County, api_context(info).county)


class PlatformCountyQueries(graphene.ObjectType):
    """Platform API: the counties a provincial operator runs."""

    counties = ConnectionField(
        PlatformCountyType,
        status=CountyStatusEnum(),
        search=graphene.String(description="按代码或名称查找"),
        description="全部县（按行政区划代码排序）",
    )
    county = graphene.Field(PlatformCountyType, code=graphene.String(required=True), description="按代码查县")
    onboarding_job = graphene.Field(OnboardingJobType, id=graphene.ID(required=True), description="开通任务")
    onboarding_jobs = ListConnectionField(
        connection_of(OnboardingJobType, "OnboardingJob"),
        required=True,
        code=graphene.String(description="只看此县代码的任务"),
        description="开通任务（最新在前）",
    )
    presets = graphene.List(graphene.NonNull(graphene.String), required=True, description="可选的预设政策包")
    onboarding_templates = graphene.List(
        graphene.NonNull(OnboardingTemplateType),
        required=True,
        description="与省份无关的开通模板（无人员、无县名、无事项）；name 作为 preset 传入开通",
    )

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_counties(
        root: Any, info: Any, status: str | None = None, search: str | None = None, **_: Any
    ) -> Any:
        qs = County.objects.counties().order_by("code")
        if status:
            qs = qs.filter(status=status)
        if search and search.strip():
            qs = qs.filter(Q(code__startswith=search.strip()) | Q(name__contains=search.strip()))
        return qs

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_county(root: Any, info: Any, code: str) -> County | None:
        return County.objects.counties().filter(code=code).first()

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_onboarding_job(root: Any, info: Any, id: str) -> OnboardingJob | None:
        return OnboardingJob.objects.filter(pk=decode_id(id, "OnboardingJob", field="id")).first()

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_onboarding_jobs(root: Any, info: Any, code: str | None = None, **_: Any) -> Any:
        jobs = OnboardingJob.objects.order_by("-created_at", "-pk")
        return jobs.filter(code=code) if code else jobs

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_presets(root: Any, info: Any) -> list[str]:
        return list(PRESETS)

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_onboarding_templates(root: Any, info: Any) -> list[Template]:
        return list(TEMPLATES.values())
