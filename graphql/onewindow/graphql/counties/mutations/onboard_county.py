from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.counties.services import validate_new_county
from onewindow.platform.counties.tasks import onboard_county_task


class OnboardCountyInput(graphene.InputObjectType):
    code = graphene.String(required=True, description="6 位行政区划代码")
    name = graphene.String(required=True)
    province = graphene.String(required=True)
    domains = graphene.List(graphene.NonNull(graphene.String), description="该县自己的域名（可选）")


class OnboardCounty(BaseMutation):
    """开通新县：校验后交给后台任务，从模板 schema 克隆（几秒钟）。用 `county(code)` 查看进度。"""

    class Arguments:
        input = OnboardCountyInput(required=True)

    code = graphene.String(description="已排队开通的县代码")
    queued = graphene.Boolean()

    class Meta:
        permission = Perm.PLATFORM_ONBOARD_COUNTY

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> OnboardCounty:
        payload = data["input"]
        code, name = payload["code"].strip(), payload["name"].strip()
        domains = [d.strip().lower() for d in payload.get("domains") or [] if d.strip()]
        validate_new_county(code, name, domains)
        onboard_county_task.delay(code, name, payload["province"], domains, ctx.user.pk)
        return cls(code=code, queued=True)
