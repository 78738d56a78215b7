from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.queueing.types import TicketType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.queueing import services


class CallNextTicket(BaseMutation):
    """叫号：按本窗口的队列和规则叫下一位；无人等候时 ticket 为空。"""

    class Arguments:
        window = graphene.String(required=True)

    ticket = graphene.Field(TicketType)

    class Meta:
        permission = Perm.QUEUE_CALL

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> CallNextTicket:
        return cls(ticket=services.call_next(data["window"], actor=ctx.user))
