from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.hotline.types import HotlineOrderType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.hotline.services import return_order


class ReturnHotlineOrder(BaseMutation):
    """退单：写明理由，退回中心改派。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True)
        reason = graphene.String(required=True)

    order = graphene.Field(HotlineOrderType)

    class Meta:
        permission = Perm.HOTLINE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ReturnHotlineOrder:
        return cls(
            order=return_order(data["number"], version=data["version"], reason=data["reason"], actor=ctx.user)
        )
