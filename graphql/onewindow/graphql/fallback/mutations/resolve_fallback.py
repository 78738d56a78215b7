from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.fallback.types import FallbackCaseType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.fallback import services


class ResolveFallback(BaseMutation):
    """登记处理结果，请申请人确认是否满意。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True)
        result = graphene.String(required=True)

    case = graphene.Field(FallbackCaseType)

    class Meta:
        permission = Perm.WORK_ORDERS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ResolveFallback:
        return cls(
            case=services.resolve_fallback(
                data["number"], version=data["version"], result=data["result"], actor=ctx.user
            )
        )
