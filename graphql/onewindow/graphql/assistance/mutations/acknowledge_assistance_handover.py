from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.assistance.types import AssistanceRequestType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.assistance import services


class AcknowledgeAssistanceHandover(BaseMutation):
    """接收移交：逐项核对材料清单；有未确认的材料则拒绝接收，什么也不改变。"""

    class Arguments:
        number = graphene.String(required=True)
        acknowledged = graphene.List(
            graphene.NonNull(graphene.String), required=True, description="已核对的材料"
        )

    request = graphene.Field(AssistanceRequestType)

    class Meta:
        permission = Perm.ASSISTANCE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> AcknowledgeAssistanceHandover:
        handover = services.acknowledge_handover(
            data["number"], acknowledged=list(data["acknowledged"]), actor=ctx.user
        )
        return cls(request=handover.request)
