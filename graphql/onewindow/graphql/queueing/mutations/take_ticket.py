from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.queueing.types import TicketType
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core.errors import PermissionDenied
from onewindow.tenants.queueing import services


class TakeTicket(BaseMutation):
    """取号：取号机（kiosk）或网上（online）无需登录；询导台（guide）为他人取号须有叫号权限。"""

    class Arguments:
        queue = graphene.String(required=True)
        source = graphene.String(required=True, description="kiosk / guide / online")
        priority_group = graphene.String(description="绿色通道类别：elderly / disabled / pregnant / military")
        id_number = graphene.String(description="身份证号（可选）")
        phone = graphene.String(description="手机号：叫号前三位时短信提醒（网上取号必填）")

    ticket = graphene.Field(TicketType)

    class Meta:
        permission = None  # the kiosk and the public page take tickets without an account

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> TakeTicket:
        if data["source"] == "guide" and not ctx.has(Perm.QUEUE_CALL):
            raise PermissionDenied()
        ticket = services.take_ticket(
            data["queue"],
            source=data["source"],
            priority_group=data.get("priority_group") or "",
            id_number=data.get("id_number") or "",
            phone=data.get("phone") or "",
            actor=ctx.user if ctx.is_authenticated else None,
        )
        return cls(ticket=ticket)
