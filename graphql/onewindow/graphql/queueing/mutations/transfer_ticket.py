from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.queueing.types import TicketType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.queueing import services


class TransferTicket(BaseMutation):
    """转移到另一队列或窗口，保留原取号时间。"""

    class Arguments:
        ticket = graphene.ID(required=True)
        window = graphene.String(required=True)
        to_queue = graphene.String()
        to_window = graphene.String()

    ticket = graphene.Field(TicketType)

    class Meta:
        permission = Perm.QUEUE_CALL

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> TransferTicket:
        pk = decode_id(data["ticket"], "Ticket", field="ticket")
        return cls(
            ticket=services.transfer(
                pk,
                window=data["window"],
                to_queue=data.get("to_queue") or None,
                to_window=data.get("to_window") or None,
                actor=ctx.user,
            )
        )
