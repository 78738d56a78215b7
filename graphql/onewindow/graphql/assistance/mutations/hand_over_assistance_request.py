from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.assistance.types import AssistanceRequestType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.assistance import services


class HandOverAssistanceRequest(BaseMutation):
    """移交上一级（村→镇→县），附材料清单；接收方逐项确认后才算接收。"""

    class Arguments:
        number = graphene.String(required=True)
        materials = graphene.List(graphene.NonNull(graphene.String), required=True)

    request = graphene.Field(AssistanceRequestType)

    class Meta:
        permission = Perm.ASSISTANCE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> HandOverAssistanceRequest:
        handover = services.hand_over(data["number"], materials=list(data["materials"]), actor=ctx.user)
        return cls(request=handover.request)
