"""死信: messages whose gateway refused them or whose attempts ran out, with the reason;
the county admin or centre manager sends one again."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from onewindow.platform.core.errors import BusinessError, NotFound
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.outbox.models import OutboxMessage, OutboxStatus
from onewindow.tenants.outbox.services import kick_delivery_after_commit


def dead_letters() -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(status=OutboxStatus.FAILED).order_by("-created_at", "-id")


@transaction.atomic
def retry_dead_letter(message_id: int, *, actor: object | None) -> OutboxMessage:
    """Put a dead letter back in the queue with fresh attempts (same row: same idempotency key)."""
    message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
    if message is None:
        raise NotFound(f"通知 {message_id}", field="id")
    if message.status != OutboxStatus.FAILED:
        raise BusinessError("NOT_DEAD_LETTER", "只有发送失败的通知可以重发", field="id")
    previous = message.last_error
    message.status, message.attempts, message.scheduled_at = OutboxStatus.PENDING, 0, None
    message.save(update_fields=["status", "attempts", "scheduled_at"])
    record_event("notification.retried", message, actor=actor, data={"error": previous})
    kick_delivery_after_commit()
    return message
