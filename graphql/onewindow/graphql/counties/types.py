from __future__ import annotations

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from onewindow.graphql.core.connections import CountableConnection
from onewindow.graphql.core.errors import Error
from onewindow.graphql.core.ids import resolve_global_id
from onewindow.graphql.core.loaders import batched, page_of, related
from onewindow.platform.counties.models import County, CountyStatus, JobStatus, OnboardingJob
from onewindow.platform.onboarding.overview import Overview, county_overviews
from onewindow.platform.onboarding.services import job_todo

CountyStatusEnum = graphene.Enum.from_enum(CountyStatus, description="县的状态")


class CountyHealth(graphene.Enum):
    """县的运行状况（省级运营看板）"""

    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


def _overview(county: County) -> Overview:
    # The whole page of counties in one statement (a UNION ALL over their schemas).
    return batched(
        county,
        "_overview",
        lambda pks: county_overviews([c for c in page_of(county) if c.pk in set(pks)]),
        Overview(None, None, "error", "未知"),
    )


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


class PlatformCountyType(DjangoObjectType):
    """县, as the province sees it: with its hosts, pack version, last activity and health.
    (The county API's ``County`` carries none of this: anyone may read that one.)"""

    code = graphene.String(required=True, description="行政区划代码")
    status = CountyStatusEnum(required=True)
    hosts = graphene.List(graphene.NonNull(graphene.String), required=True, description="该县自己的域名")
    pack_version = graphene.Int(description="现行政策包版本号")
    last_activity_at = graphene.DateTime(description="最近一条审计事件的时间")
    health = graphene.Field(CountyHealth, required=True, description="运行状况")
    health_note = graphene.String(required=True, description="运行状况说明，如“已暂停”“还没有政策包”")

    class Meta:
        model = County
        name = "County"
        fields = ("code", "name", "province", "status", "created_at")
        interfaces = (graphene.relay.Node,)
        connection_class = CountableConnection
        skip_registry = True  # the county API's CountyType stays the model's registered type

    @classmethod
    def get_queryset(cls, queryset, info):  # type: ignore[no-untyped-def]
        return queryset.counties()

    @staticmethod
    def resolve_hosts(root: County, info: Any) -> list[str]:
        return sorted(d.domain for d in related(root, "domains"))

    @staticmethod
    def resolve_pack_version(root: County, info: Any) -> int | None:
        return _overview(root).pack_version

    @staticmethod
    def resolve_last_activity_at(root: County, info: Any) -> Any:
        return _overview(root).last_activity_at

    @staticmethod
    def resolve_health(root: County, info: Any) -> str:
        return _overview(root).health

    @staticmethod
    def resolve_health_note(root: County, info: Any) -> str:
        return _overview(root).health_note


JobStatusEnum = graphene.Enum.from_enum(JobStatus, description="开通任务状态")


class OnboardingTodoType(graphene.ObjectType):
    """开通后待办：运营人员与县级管理员还须填写的内容"""

    class Meta:
        name = "OnboardingTodo"

    path = graphene.String(required=True, description="所涉政策包的 YAML 路径（空：整个县）")
    message = graphene.String(required=True)


class OnboardingTemplateType(graphene.ObjectType):
    """与省份无关的开通模板（每种种子模式一个）"""

    class Meta:
        name = "OnboardingTemplate"

    name = graphene.String(required=True, description="作为 preset 传入开通")
    label = graphene.String(required=True)
    model = graphene.String(required=True, description="所依据的种子县预设")
    note = graphene.String(required=True)


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
    province = graphene.String(required=True)
    hosts = graphene.List(graphene.NonNull(graphene.String), required=True)
    admin = graphene.String(description="县级管理员的用户名")
    requested_by = graphene.String(required=True, description="发起人")
    created_at = graphene.DateTime(required=True)
    finished_at = graphene.DateTime()
    todo = graphene.List(
        graphene.NonNull(OnboardingTodoType),
        required=True,
        description="就绪后还须填写的内容（人员、事项、模板的示例数据、政策包警告）；未就绪为空",
    )

    @staticmethod
    def resolve_todo(root: OnboardingJob, info: Any) -> list[Any]:
        return job_todo(root)

    @staticmethod
    def resolve_hosts(root: OnboardingJob, info: Any) -> list[str]:
        return list(root.domains)

    @staticmethod
    def resolve_admin(root: OnboardingJob, info: Any) -> str | None:
        return root.admin_username or None

    @staticmethod
    def resolve_errors(root: OnboardingJob, info: Any) -> list[Error]:
        return [Error(field=e.get("field"), code=e["code"], message=e["message"]) for e in root.errors]

    @staticmethod
    def resolve_preset(root: OnboardingJob, info: Any) -> str | None:
        return root.preset or None
