from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_ids
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.outbox.inbox import mark_read, unread_count


class MarkNotificationsRead(BaseMutation):
    """站内信标为已读：给定的几条，或（不给 ids）全部。"""

    class Arguments:
        ids = graphene.List(graphene.NonNull(graphene.ID), description="缺省：全部未读")

    marked = graphene.Int()
    unread = graphene.Int(description="剩余未读数")

    class Meta:
        permission = Perm.COUNTY_VIEW

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> MarkNotificationsRead:
        ids = data.get("ids")
        pks = decode_ids(ids, "Notification", field="ids") if ids is not None else None
        marked = mark_read(ctx.user.username, pks, actor=ctx.user)
        return cls(marked=marked, unread=unread_count(ctx.user.username))
