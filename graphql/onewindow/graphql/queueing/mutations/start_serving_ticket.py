from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.queueing.types import TicketType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.queueing import services


class StartServingTicket(BaseMutation):
    """申请人已到窗口：开始办理（服务时长由此计）。"""

    class Arguments:
        ticket = graphene.ID(required=True)
        window = graphene.String(required=True)

    ticket = graphene.Field(TicketType)

    class Meta:
        permission = Perm.QUEUE_CALL

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> StartServingTicket:
        pk = decode_id(data["ticket"], "Ticket", field="ticket")
        return cls(ticket=services.start_serving(pk, window=data["window"], actor=ctx.user))
