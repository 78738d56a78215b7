from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.hotline.types import HotlineOrderType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.hotline.services import sign_order


class SignHotlineOrder(BaseMutation):
    """签收：承办部门接单，办理时限开始计算。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True)

    order = graphene.Field(HotlineOrderType)

    class Meta:
        permission = Perm.HOTLINE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> SignHotlineOrder:
        return cls(order=sign_order(data["number"], version=data["version"], actor=ctx.user))
