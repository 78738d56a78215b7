"""Writing to and delivering from the outbox."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError
from onewindow.platform.core.tenancy import active_schema
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.outbox.channels import channel as get_channel
from onewindow.tenants.outbox.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def enqueue_notification(channel: str, recipient: str, body: str, *, subject: str = "") -> OutboxMessage:
    """Queue a message in the caller's transaction; it is delivered after commit.

    Called by services (inside their transaction), never directly by the API.
    """
    if channel not in settings.NOTIFICATION_CHANNELS:
        raise BusinessError("UNKNOWN_CHANNEL", f"未配置通知渠道 {channel}", field="channel")
    if not recipient.strip():
        raise BusinessError("REQUIRED", "收件人不能为空", field="recipient")
    message = OutboxMessage.objects.create(
        channel=channel, recipient=recipient.strip(), subject=subject, body=body, created_at=clock.now()
    )
    schema = active_schema()

    def kick() -> None:
        from onewindow.tenants.outbox.tasks import deliver_outbox

        deliver_outbox.apply_async(kwargs={}, headers={"_schema_name": schema})

    transaction.on_commit(kick)
    return message


def deliver_pending(limit: int = 100) -> int:
    """Send up to ``limit`` pending messages of the active county; returns how many were sent.

    Each message is locked (SKIP LOCKED) and updated in its own transaction, so two workers
    never send the same message and one failure does not hold back the rest.
    """
    sent = 0
    for _ in range(limit):
        with transaction.atomic():
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(status=OutboxStatus.PENDING)
                .order_by("created_at", "id")
                .first()
            )
            if message is None:
                break
            message.attempts += 1
            try:
                get_channel(message.channel).send(message)
            except Exception as exc:  # a channel's failure is data, not a crash
                message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                if message.attempts >= MAX_ATTEMPTS:
                    message.status = OutboxStatus.FAILED
                    record_event(
                        "notification.failed",
                        message,
                        data={"channel": message.channel, "error": message.last_error},
                    )
                message.save(update_fields=["attempts", "last_error", "status"])
                log.warning("outbox message %s failed: %s", message.pk, message.last_error)
                continue
            message.status = OutboxStatus.SENT
            message.sent_at = clock.now()
            message.save(update_fields=["attempts", "status", "sent_at"])
            record_event("notification.sent", message, data={"channel": message.channel})
            sent += 1
    return sent
