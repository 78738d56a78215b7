from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.counties.types import OnboardingJobType
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.onboarding.services import request_onboarding


class OnboardCountyInput(graphene.InputObjectType):
    code = graphene.String(required=True, description="6 位行政区划代码")
    name = graphene.String(required=True)
    province = graphene.String(required=True)
    hosts = graphene.List(graphene.NonNull(graphene.String), description="该县自己的域名（可选）")
    preset = graphene.String(description="从预设开始：wushen、wenling 或 tongxu")
    pack = graphene.String(description="或给出完整的政策包 YAML")
    admin = graphene.String(description="县级管理员的用户名（不存在则创建）")


class OnboardCounty(BaseMutation):
    """开通新县：校验代码、域名和政策包后排队；后台任务克隆模板、应用政策包、授予管理员。
    用 `onboardingJob(id)` 查看进度，状态为 READY 后即可使用。"""

    class Arguments:
        input = OnboardCountyInput(required=True)

    job = graphene.Field(OnboardingJobType)

    pack_paths = True

    class Meta:
        permission = Perm.PLATFORM_ONBOARD_COUNTY

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> OnboardCounty:
        payload = data["input"]
        job = request_onboarding(
            payload["code"].strip(),
            payload["name"],
            payload["province"],
            domains=[h.strip() for h in payload.get("hosts") or [] if h.strip()],
            preset=(payload.get("preset") or "").strip(),
            document=payload.get("pack") or "",
            admin=payload.get("admin") or "",
            actor=ctx.user,
        )
        return cls(job=job)
