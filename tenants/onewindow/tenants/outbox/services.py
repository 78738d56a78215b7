"""Writing to and delivering from the outbox."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError
from onewindow.platform.core.tenancy import active_schema
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.outbox.channels import channel as get_channel
from onewindow.tenants.outbox.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def enqueue_notification(
    channel: str,
    recipient: str,
    body: str,
    *,
    subject: str = "",
    event: str = "",
    template: str = "",
    params: dict[str, Any] | None = None,
    essential: bool = True,
    scheduled_at: dt.datetime | None = None,
) -> OutboxMessage:
    """Queue a message in the caller's transaction; it is delivered after commit (or at
    ``scheduled_at``: quiet hours, the rate limit).

    Called by services (inside their transaction), never directly by the API. Services that
    tell people about an event call ``notify`` (the county's rules) instead.
    """
    if channel not in settings.NOTIFICATION_CHANNELS:
        raise BusinessError("UNKNOWN_CHANNEL", f"未配置通知渠道 {channel}", field="channel")
    if not recipient.strip():
        raise BusinessError("REQUIRED", "收件人不能为空", field="recipient")
    message = OutboxMessage.objects.create(
        channel=channel,
        recipient=recipient.strip(),
        subject=subject[:200],
        body=body,
        created_at=clock.now(),
        event=event,
        template=template,
        params={k: str(v) for k, v in (params or {}).items()},
        essential=essential,
        scheduled_at=scheduled_at,
    )
    if scheduled_at is None or scheduled_at <= message.created_at:
        kick_delivery_after_commit()
    # a later one (quiet hours, the rate limit) goes with the beat's delivery run once it is due
    return message


def enqueue_notifications(
    messages: list[tuple[str, str, str, str]], *, event: str = ""
) -> list[OutboxMessage]:
    """Queue several messages (channel, recipient, body, subject) in one INSERT, with one
    delivery kick after commit: ``enqueue_notification`` for a service that sends many at once
    (the escalation scan's firings of one county)."""
    for channel, recipient, _body, _subject in messages:
        if channel not in settings.NOTIFICATION_CHANNELS:
            raise BusinessError("UNKNOWN_CHANNEL", f"未配置通知渠道 {channel}", field="channel")
        if not recipient.strip():
            raise BusinessError("REQUIRED", "收件人不能为空", field="recipient")
    if not messages:
        return []
    now = clock.now()
    rows = OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(
                channel=c, recipient=r.strip(), subject=subj, body=body, event=event, created_at=now
            )
            for c, r, body, subj in messages
        ]
    )
    kick_delivery_after_commit()
    return rows


def kick_delivery_after_commit() -> None:
    """Have the active county's outbox delivered once the transaction commits: one task per
    county and transaction, however many messages it wrote (each task sends every message due).
    A kick per message flooded the queue — 190 ``deliver_outbox`` at `onewindow up`'s demo
    seeding, which a worker takes two a second on the file broker — and every other task
    (the rollup 立即汇总 asks for) waited behind them."""
    schema = active_schema()
    connection = transaction.get_connection()
    # a kick registered earlier in this transaction that is still pending covers this message:
    # Django drops a callback with the savepoint that rolls back, so a pending one is as
    # durable as whatever is written now
    if connection.in_atomic_block and any(
        getattr(func, "outbox_schema", None) == schema for _sids, func, _robust in connection.run_on_commit
    ):
        return

    def kick() -> None:
        from onewindow.tenants.outbox.tasks import deliver_outbox

        deliver_outbox.apply_async(kwargs={}, headers={"_schema_name": schema})

    kick.outbox_schema = schema  # type: ignore[attr-defined]
    transaction.on_commit(kick)


def _claim() -> tuple[OutboxMessage, bool] | None:
    """Take the oldest message to send and commit the claim before anything is sent.

    A pending message, or one claimed longer than the lease ago (its worker died between the
    send and the record); the second is a retry and says so.
    """
    now = clock.now()
    cutoff = now - dt.timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS)
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=OutboxStatus.PENDING, scheduled_at__isnull=True)
                | Q(status=OutboxStatus.PENDING, scheduled_at__lte=now)
                | Q(status=OutboxStatus.SENDING, claimed_at__lt=cutoff)
            )
            .order_by("created_at", "id")
            .first()
        )
        if message is None:
            return None
        retry = message.status == OutboxStatus.SENDING
        message.status = OutboxStatus.SENDING
        message.claimed_at = now
        message.attempts += 1
        message.save(update_fields=["status", "claimed_at", "attempts"])
    return message, retry


def deliver_pending(limit: int = 100) -> int:
    """Send up to ``limit`` messages of the active county; returns how many were delivered.

    Effectively once, whatever dies when: (1) the claim commits (``sending``, SKIP LOCKED, so
    two workers never take one message); (2) the channel sends with the row's idempotency key;
    (3) the record (``sent`` and its audit event) commits. A worker killed between (2) and (3)
    leaves the row claimed; after ``OUTBOX_CLAIM_LEASE_SECONDS`` another worker takes it, asks
    the gateway whether that key was delivered (``delivered``) and records it without sending,
    or sends again under the same key, which the gateway delivers once.
    """
    sent = 0
    for _ in range(limit):
        claimed = _claim()
        if claimed is None:
            break
        message, retry = claimed
        key = message.idempotency_key
        try:
            sender = get_channel(message.channel)
            already = getattr(sender, "delivered", None)
            gateway_id = None
            if retry and already is not None and already(key, message):
                log.info("outbox message %s was delivered before its worker stopped; recorded", key)
            else:
                gateway_id = sender.send(message, key)
        except Exception as exc:  # a channel's failure is data, not a crash
            _record_failure(message, exc)
            continue
        with transaction.atomic():
            recorded = OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.SENDING).update(
                status=OutboxStatus.SENT, sent_at=clock.now(), gateway_id=(gateway_id or "")[:100]
            )
            if recorded:
                record_event(
                    "notification.sent",
                    message,
                    data={"channel": message.channel, "attempts": message.attempts, "retry": retry},
                )
        sent += recorded
    return sent


def _record_failure(message: OutboxMessage, exc: Exception) -> None:
    """A refusal goes to the dead-letter list at once; anything else (a timeout, a 5xx) is
    tried again after base × 2^(attempt−1) seconds, until ``MAX_ATTEMPTS``."""
    from onewindow.tenants.outbox.gateways import Refused

    message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    message.claimed_at = None
    dead = isinstance(exc, Refused) or message.attempts >= MAX_ATTEMPTS
    message.status = OutboxStatus.FAILED if dead else OutboxStatus.PENDING
    message.scheduled_at = None if dead else clock.now() + backoff(message.attempts)
    with transaction.atomic():
        message.save(update_fields=["last_error", "claimed_at", "status", "scheduled_at"])
        if message.status == OutboxStatus.FAILED:
            record_event(
                "notification.failed", message, data={"channel": message.channel, "error": message.last_error}
            )
    log.warning("outbox message %s failed: %s", message.pk, message.last_error)


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def pending_summary() -> tuple[int, dt.datetime | None]:
    """How many messages of the active county wait (pending or claimed), and the oldest's time."""
    waiting = OutboxMessage.objects.filter(status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING])
    return waiting.count(), waiting.order_by("created_at").values_list("created_at", flat=True).first()
