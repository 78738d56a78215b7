from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.hotline.types import HotlineOrderType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.hotline.services import reply_order


class ReplyHotlineOrder(BaseMutation):
    """答复：把办理结果告知诉求人，待回访。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True)
        reply = graphene.String(required=True)
        method = graphene.String(required=True, description="电话 / 短信 / 当面 / 书面")

    order = graphene.Field(HotlineOrderType)

    class Meta:
        permission = Perm.HOTLINE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ReplyHotlineOrder:
        return cls(
            order=reply_order(
                data["number"],
                version=data["version"],
                reply=data["reply"],
                method=data["method"],
                actor=ctx.user,
            )
        )
