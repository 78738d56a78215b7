from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.assistance.types import AssistanceRequestType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.assistance import services


class EvaluateAssistanceRequest(BaseMutation):
    """回访、评议：申请人对代办服务评价（1–5）。"""

    class Arguments:
        number = graphene.String(required=True)
        level = graphene.Int(required=True)
        method = graphene.String(required=True, description="callback 回访 / appraisal 评议")
        comment = graphene.String()

    request = graphene.Field(AssistanceRequestType)

    class Meta:
        permission = Perm.ASSISTANCE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> EvaluateAssistanceRequest:
        request = services.evaluate_request(
            data["number"],
            level=data["level"],
            method=data["method"],
            comment=data.get("comment") or "",
            actor=ctx.user,
        )
        return cls(request=request)
