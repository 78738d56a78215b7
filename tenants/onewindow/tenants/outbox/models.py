from __future__ import annotations

from django.db import models


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "待发送"
    SENDING = "sending", "发送中"  # claimed by a worker; the send happens after this commits
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"  # the dead-letter list: attempts used up, or a permanent refusal


class OutboxMessage(models.Model):
    """待发通知: written with the change that causes it, so none is lost or sent for a rollback."""

    channel = models.CharField(max_length=32)
    recipient = models.CharField(max_length=200)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    status = models.CharField(max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # when it may go: quiet hours, the per-phone rate limit and the retry backoff move it on
    scheduled_at = models.DateTimeField(null=True, blank=True)
    # what it says, for the gateways that send a registered template with its parameters
    # (database defaults too: a writer that names only the first columns — an older worker,
    # the fault tests' bulk INSERT — still writes a valid row)
    event = models.CharField(max_length=64, blank=True, db_default="")
    template = models.CharField(max_length=64, blank=True, db_default="")
    params = models.JSONField(default=dict, blank=True, db_default={})
    essential = models.BooleanField(default=True, db_default=True)  # 非必要 messages honour an opt-out
    # the gateway's own id (阿里云 BizId, 腾讯云 SerialNo …) and its delivery receipt (回执)
    gateway_id = models.CharField(max_length=100, blank=True, db_default="")
    receipt_status = models.CharField(
        max_length=16, blank=True, db_default="", choices=[("delivered", "已送达"), ("undelivered", "未送达")]
    )
    receipt_code = models.CharField(max_length=100, blank=True, db_default="")
    receipt_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)  # in-app: the staff member opened it

    class Meta:
        verbose_name = "待发通知"
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outbox_pending_idx",
                condition=models.Q(status="pending"),
            ),
            models.Index(
                fields=["recipient", "-created_at"],
                name="outbox_inbox_idx",
                condition=models.Q(channel="inapp"),
            ),
            models.Index(
                fields=["gateway_id"], name="outbox_gateway_id_idx", condition=~models.Q(gateway_id="")
            ),
            models.Index(
                fields=["claimed_at"],
                name="outbox_sending_idx",
                condition=models.Q(status="sending"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} → {self.recipient}: {self.status}"

    @property
    def idempotency_key(self) -> str:
        """What the gateway deduplicates on: the row, in its county (ids repeat across schemas)."""
        from onewindow.platform.core.tenancy import active_schema

        return f"{active_schema()}:{self.pk}"


class WeChatBinding(models.Model):
    """A citizen who bound their phone in the county's 公众号 or 小程序 (openid of that app)."""

    phone = models.CharField(max_length=20)
    app = models.CharField(max_length=16, choices=[("mp", "公众号"), ("miniprogram", "小程序")])
    openid = models.CharField(max_length=64)
    bound_at = models.DateTimeField()

    class Meta:
        verbose_name = "微信绑定"
        constraints = [models.UniqueConstraint(fields=["phone", "app"], name="one_binding_per_phone_app")]

    def __str__(self) -> str:
        return f"{self.phone} ↔ {self.app}"


class OptOut(models.Model):
    """退订: this phone gets no 非必要 message (essential ones — a receipt, a result — still go)."""

    phone = models.CharField(max_length=20, unique=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "退订"

    def __str__(self) -> str:
        return self.phone


class NotificationSettings(models.Model):
    """通知设置 of the county (policy pack ``notifications``): the SMS gateway, 签名, quiet hours,
    rate limit, the message templates and which event notifies whom through which channels."""

    sms_gateway = models.CharField(max_length=32, default="console")
    sign_name = models.CharField(max_length=30, blank=True)
    quiet_hours = models.JSONField(null=True, blank=True)
    rate_limit = models.JSONField(null=True, blank=True)
    templates = models.JSONField(default=list, blank=True)
    rules = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "通知设置"

    def __str__(self) -> str:
        return f"通知设置 ({self.sms_gateway})"
