from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.queueing.types import TicketType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.queueing import services


class FinishConsultation(BaseMutation):
    """咨询办结（无办件）：评价器凭号票的服务编号评价。"""

    class Arguments:
        ticket = graphene.ID(required=True)
        window = graphene.String(required=True)

    ticket = graphene.Field(TicketType)

    class Meta:
        permission = Perm.QUEUE_CALL

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> FinishConsultation:
        pk = decode_id(data["ticket"], "Ticket", field="ticket")
        return cls(ticket=services.finish_consultation(pk, window=data["window"], actor=ctx.user))
