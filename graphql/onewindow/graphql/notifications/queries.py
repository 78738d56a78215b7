from __future__ import annotations

from typing import Any

import graphene
from django.db.models import QuerySet
from graphene.types.generic import GenericScalar

from onewindow.graphql.core.connections import ConnectionField
from onewindow.graphql.core.context import api_context
from onewindow.graphql.core.permissions import require
from onewindow.graphql.notifications.types import NotificationType, TemplatePreviewType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.outbox.deadletters import dead_letters
from onewindow.tenants.outbox.inbox import inbox, unread_count
from onewindow.tenants.outbox.models import OutboxMessage
from onewindow.tenants.outbox.notify import county_settings, preview


class NotificationQueries(graphene.ObjectType):
    my_notifications = ConnectionField(
        NotificationType,
        unread_only=graphene.Boolean(default_value=False),
        required=True,
        description="我的站内信（最新在前）",
    )
    my_unread_notification_count = graphene.Int(description="我的未读站内信数（页头的角标；未登录为空）")
    dead_letters = ConnectionField(
        NotificationType, required=True, description="发送失败的通知（死信，最新在前），附失败原因"
    )
    notification_templates = graphene.List(
        graphene.NonNull(TemplatePreviewType),
        required=True,
        description="本县的通知模板，按示例变量预览（政策包 notifications.templates）",
    )
    notification_template_preview = graphene.Field(
        TemplatePreviewType,
        code=graphene.String(required=True),
        values=GenericScalar(description="变量取值，缺省用模板示例"),
        description="按给定变量预览一个模板",
    )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_my_notifications(
        root: Any, info: Any, unread_only: bool = False, **_: Any
    ) -> QuerySet[OutboxMessage]:
        rows = inbox(api_context(info).user.username)
        return rows.filter(read_at__isnull=True) if unread_only else rows

    @staticmethod
    def resolve_my_unread_notification_count(root: Any, info: Any) -> int | None:
        ctx = api_context(info)  # the header asks on every page: no error for a visitor
        if not ctx.is_authenticated or Perm.COUNTY_VIEW not in ctx.permissions:
            return None
        return unread_count(ctx.user.username)

    @staticmethod
    @require(Perm.NOTIFICATIONS)
    def resolve_dead_letters(root: Any, info: Any, **_: Any) -> QuerySet[OutboxMessage]:
        return dead_letters()

    @staticmethod
    @require(Perm.COUNTY_MANAGE_POLICY)
    def resolve_notification_templates(root: Any, info: Any) -> list[dict[str, Any]]:
        return [preview(t["code"]) for t in county_settings().templates]

    @staticmethod
    @require(Perm.COUNTY_MANAGE_POLICY)
    def resolve_notification_template_preview(
        root: Any, info: Any, code: str, values: Any = None
    ) -> dict[str, Any]:
        given = {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else None
        return preview(code, given)
