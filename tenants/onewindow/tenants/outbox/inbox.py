"""站内信: a staff member's inbox is the in-app rows of the outbox addressed to their username."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from onewindow.platform.core import clock
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.outbox.models import OutboxMessage, OutboxStatus


def inbox(username: str) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(
        channel="inapp", recipient=username, status=OutboxStatus.SENT
    ).order_by("-created_at", "-id")


def unread_count(username: str) -> int:
    return inbox(username).filter(read_at__isnull=True).count()


@transaction.atomic
def mark_read(username: str, ids: list[int] | None, *, actor: object | None) -> int:
    """Mark the given messages of the inbox read (all of it when ``ids`` is None); returns how many."""
    unread = inbox(username).filter(read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    marked = list(unread.values_list("pk", flat=True))
    OutboxMessage.objects.filter(pk__in=marked).update(read_at=clock.now())
    if marked:
        record_event("notification.read", "OutboxMessage", actor=actor, data={"ids": marked})
    return len(marked)
