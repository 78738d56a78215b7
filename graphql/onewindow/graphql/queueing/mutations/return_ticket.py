from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.queueing.types import TicketType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.queueing import services


class ReturnTicket(BaseMutation):
    """过号返回：排在 M 位等候者之后（每张号票限定次数）。"""

    class Arguments:
        ticket = graphene.ID(required=True)

    ticket = graphene.Field(TicketType)

    class Meta:
        permission = Perm.QUEUE_CALL

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ReturnTicket:
        pk = decode_id(data["ticket"], "Ticket", field="ticket")
        return cls(ticket=services.return_ticket(pk, actor=ctx.user))
