from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.fallback.types import FallbackCaseType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.fallback import services


class ClassifyFallback(BaseMutation):
    """分类处理：general 一般 / hard 疑难复杂 / very_hard 特别疑难复杂。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True)
        tier = graphene.String(required=True)

    case = graphene.Field(FallbackCaseType)

    class Meta:
        permission = Perm.WORK_ORDERS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ClassifyFallback:
        return cls(
            case=services.classify_fallback(
                data["number"], version=data["version"], tier=data["tier"], actor=ctx.user
            )
        )
