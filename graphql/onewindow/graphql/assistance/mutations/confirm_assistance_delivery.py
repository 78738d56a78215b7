from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.assistance.types import AssistanceRequestType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.assistance import services


class ConfirmAssistanceDelivery(BaseMutation):
    """送达确认：electronic 电子反馈 / express 快递邮寄 / home 上门送达 / window 窗口交付。"""

    class Arguments:
        number = graphene.String(required=True)
        method = graphene.String(required=True)
        received_by = graphene.String(required=True, description="签收人")

    request = graphene.Field(AssistanceRequestType)

    class Meta:
        permission = Perm.ASSISTANCE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ConfirmAssistanceDelivery:
        request = services.confirm_delivery(
            data["number"], method=data["method"], received_by=data["received_by"], actor=ctx.user
        )
        return cls(request=request)
