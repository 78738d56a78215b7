from __future__ import annotations

from django.db import models


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "待发送"
    SENDING = "sending", "发送中"  # claimed by a worker; the send happens after this commits
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"


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

    class Meta:
        verbose_name = "待发通知"
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outbox_pending_idx",
                condition=models.Q(status="pending"),
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
