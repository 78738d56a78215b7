from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.notifications.types import NotificationType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.outbox.notify import send_test


class SendTestNotification(BaseMutation):
    """试发模板：按示例变量渲染，发到我自己的站内信。"""

    class Arguments:
        template = graphene.String(required=True)

    notification = graphene.Field(NotificationType)

    class Meta:
        permission = Perm.COUNTY_MANAGE_POLICY

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> SendTestNotification:
        return cls(notification=send_test(data["template"], ctx.user.username, actor=ctx.user))
