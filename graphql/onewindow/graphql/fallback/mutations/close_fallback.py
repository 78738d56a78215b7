from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.fallback.types import FallbackCaseType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.fallback import services


class CloseFallback(BaseMutation):
    """销号：申请人未表示满意时拒绝。"""

    class Arguments:
        number = graphene.String(required=True)

    case = graphene.Field(FallbackCaseType)

    class Meta:
        permission = Perm.WORK_ORDERS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> CloseFallback:
        return cls(case=services.close_fallback(data["number"], actor=ctx.user))
