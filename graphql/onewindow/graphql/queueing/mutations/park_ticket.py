from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.queueing.types import TicketType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.queueing import services


class ParkTicket(BaseMutation):
    """过号：申请人未到，号票暂存，回来后可重新排入。"""

    class Arguments:
        ticket = graphene.ID(required=True)
        window = graphene.String(required=True)

    ticket = graphene.Field(TicketType)

    class Meta:
        permission = Perm.QUEUE_CALL

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ParkTicket:
        pk = decode_id(data["ticket"], "Ticket", field="ticket")
        return cls(ticket=services.park(pk, window=data["window"], actor=ctx.user))
