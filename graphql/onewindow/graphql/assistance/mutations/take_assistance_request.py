from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.assistance.types import AssistanceRequestType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.assistance import services


class TakeAssistanceRequest(BaseMutation):
    """帮办代办受托：代办员与申请人填写委托书（自愿委托），出具回执。可上门服务。"""

    class Arguments:
        site = graphene.String(required=True, description="受托场所编码")
        agent = graphene.String(required=True, description="代办员（工作人员编码）")
        applicant_name = graphene.String(required=True)
        applicant_phone = graphene.String()
        applicant_id_number = graphene.String()
        items = graphene.List(graphene.NonNull(graphene.String), required=True, description="事项编码")
        materials = graphene.List(
            graphene.NonNull(graphene.String), required=True, description="移交的材料清单"
        )
        consent = graphene.Boolean(required=True, description="申请人确认自愿委托")
        at_home = graphene.Boolean(default_value=False, description="上门服务")
        home_address = graphene.String()
        scope = graphene.String(default_value="full", description="full 全程 / part 部分委托")

    request = graphene.Field(AssistanceRequestType)

    class Meta:
        permission = Perm.ASSISTANCE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> TakeAssistanceRequest:
        request = services.take_request(
            site=data["site"],
            agent=data["agent"],
            applicant_name=data["applicant_name"],
            applicant_phone=data.get("applicant_phone") or "",
            applicant_id_number=data.get("applicant_id_number") or "",
            items=list(data["items"]),
            materials=list(data["materials"]),
            consent=data["consent"],
            at_home=bool(data.get("at_home")),
            home_address=data.get("home_address") or "",
            scope=data.get("scope") or "full",
            actor=ctx.user,
        )
        return cls(request=request)
