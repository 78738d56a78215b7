from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.notifications.types import NotificationType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.outbox.deadletters import retry_dead_letter


class RetryNotification(BaseMutation):
    """死信重发：放回发件箱，重新计数（同一行，网关按同一幂等键只送达一次）。"""

    class Arguments:
        id = graphene.ID(required=True)

    notification = graphene.Field(NotificationType)

    class Meta:
        permission = Perm.NOTIFICATIONS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RetryNotification:
        pk = decode_id(data["id"], "Notification", field="id")
        return cls(notification=retry_dead_letter(pk, actor=ctx.user))
