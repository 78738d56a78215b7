from __future__ import annotations

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from onewindow.graphql.core.connections import CountableConnection
from onewindow.graphql.core.ids import resolve_global_id
from onewindow.tenants.outbox.channels import mask
from onewindow.tenants.outbox.models import OutboxMessage, OutboxStatus

NotificationStatusEnum = graphene.Enum.from_enum(OutboxStatus, description="通知状态")


class NotificationType(DjangoObjectType):
    """一条通知（发件箱的一行）: 站内信, or a message to a citizen (recipient masked)."""

    id = graphene.ID(required=True)
    resolve_id = staticmethod(resolve_global_id)
    status = NotificationStatusEnum(required=True)
    recipient = graphene.String(required=True, description="收件人（手机号只显示前3后4位）")
    read = graphene.Boolean(required=True, description="站内信已读")

    class Meta:
        model = OutboxMessage
        name = "Notification"
        use_connection = True
        connection_class = CountableConnection
        fields = (
            "channel",
            "subject",
            "body",
            "event",
            "template",
            "attempts",
            "last_error",
            "created_at",
            "scheduled_at",
            "sent_at",
            "receipt_status",
            "receipt_code",
            "receipt_at",
            "read_at",
        )

    @staticmethod
    def resolve_recipient(root: OutboxMessage, info: Any) -> str:
        return root.recipient if root.channel == "inapp" else mask(root.recipient)

    @staticmethod
    def resolve_read(root: OutboxMessage, info: Any) -> bool:
        return root.read_at is not None


class TemplateVariableType(graphene.ObjectType):
    class Meta:
        name = "NotificationTemplateVariable"

    name = graphene.String(required=True)
    value = graphene.String(required=True, description="预览所用的值")


class TemplatePreviewType(graphene.ObjectType):
    """一个通知模板，按示例变量（或给定的变量）渲染，附短信长度（含签名，70 字一条）。"""

    class Meta:
        name = "NotificationTemplatePreview"

    code = graphene.String(required=True)
    name = graphene.String(required=True)
    text = graphene.String(required=True, description="渲染后的正文")
    sms = graphene.String(required=True, description="短信全文：【签名】正文")
    characters = graphene.Int(required=True, description="短信字数（含签名）")
    segments = graphene.Int(required=True, description="计费条数（70 字一条，超出按 67 字一条）")
    max_segments = graphene.Int(required=True)
    essential = graphene.Boolean(required=True, description="必要通知（退订后仍发送）")
    template_text = graphene.String(required=True, description="模板原文（{变量}）")
    variables = graphene.List(graphene.NonNull(TemplateVariableType), required=True)
