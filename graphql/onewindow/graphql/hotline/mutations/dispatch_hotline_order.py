from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.hotline.types import HotlineOrderType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.hotline.services import dispatch_order


class DispatchHotlineOrder(BaseMutation):
    """转办 / 改派：把工单交给承办部门（退单后或纠正承办部门）。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True)
        department = graphene.String(required=True)

    order = graphene.Field(HotlineOrderType)

    class Meta:
        permission = Perm.HOTLINE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> DispatchHotlineOrder:
        return cls(
            order=dispatch_order(
                data["number"], version=data["version"], department=data["department"], actor=ctx.user
            )
        )
