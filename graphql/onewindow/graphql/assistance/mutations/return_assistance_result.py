from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.assistance.types import AssistanceRequestType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.assistance import services


class ReturnAssistanceResult(BaseMutation):
    """办结结果交代办员返还申请人（限时见政策包）。"""

    class Arguments:
        number = graphene.String(required=True)
        note = graphene.String()

    request = graphene.Field(AssistanceRequestType)

    class Meta:
        permission = Perm.ASSISTANCE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ReturnAssistanceResult:
        return cls(
            request=services.return_result(data["number"], note=data.get("note") or "", actor=ctx.user)
        )
