"""The outbox sends only what committed, once."""

from __future__ import annotations

import pytest
from django.db import transaction

from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.outbox.models import OutboxMessage, OutboxStatus
from onewindow.tenants.outbox.services import deliver_pending, enqueue_notification

pytestmark = pytest.mark.django_db


def test_a_rolled_back_change_sends_nothing() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_notification("console", "13800138000", "您的办件已办结")
        raise RuntimeError("the business change failed")
    assert not OutboxMessage.objects.exists()


def test_delivery_sends_marks_and_audits(caplog: pytest.LogCaptureFixture) -> None:
    with transaction.atomic():
        message = enqueue_notification("console", "13800138000", "您的办件已办结", subject="办结通知")
    with caplog.at_level("INFO", logger="onewindow.notifications"):
        assert deliver_pending() == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.sent_at is not None
    assert "138****8000" in caplog.text and "13800138000" not in caplog.text
    assert AuditEvent.objects.filter(action="notification.sent", subject_id=str(message.pk)).exists()
    assert deliver_pending() == 0  # nothing is sent twice


def test_a_transaction_that_writes_many_messages_kicks_delivery_once(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    # a kick per message flooded the worker's queue at the demo seeding: the rollup waited behind it
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for n in range(3):
            enqueue_notification("console", f"1380013800{n}", "您的办件已受理")
        with transaction.atomic():
            enqueue_notification("console", "13800138009", "您的办件已办结")
    assert len(callbacks) == 1
    assert deliver_pending() == 4  # the one task sends them all


def test_a_message_held_for_later_is_left_to_the_periodic_delivery(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    import datetime as dt

    from onewindow.platform.core import clock

    later = clock.now() + dt.timedelta(hours=6)  # quiet hours end in the morning
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        enqueue_notification("console", "13800138000", "您的办件已受理", scheduled_at=later)
    assert callbacks == []
    assert deliver_pending() == 0
    with clock.frozen_at(later):
        assert deliver_pending() == 1


def test_a_kick_rolled_back_with_its_savepoint_does_not_cover_later_messages(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_notification("console", "13800138000", "您的办件已受理")
            raise RuntimeError("this change failed")
        enqueue_notification("console", "13800138001", "您的办件已受理")
    assert len(callbacks) == 1 and deliver_pending() == 1


def test_unknown_channel_is_a_typed_error() -> None:
    with pytest.raises(BusinessError) as err, transaction.atomic():
        enqueue_notification("pigeon", "x", "y")
    assert (err.value.code, err.value.field) == ("UNKNOWN_CHANNEL", "channel")


def test_dispatchers_fan_out_to_active_counties_only(tongxu) -> None:  # type: ignore[no-untyped-def]
    from onewindow.platform.counties.models import County, CountyStatus
    from onewindow.platform.counties.tasking import fan_out_to_counties
    from onewindow.tenants.outbox.tasks import deliver_outbox

    active = County.objects.active().count()
    County.objects.filter(pk=tongxu.pk).update(status=CountyStatus.SUSPENDED)
    assert fan_out_to_counties(deliver_outbox) == active - 1


@pytest.fixture
def gateway(tmp_path, monkeypatch, settings):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ONEWINDOW_NOTIFICATION_GATEWAY_DIR", str(tmp_path))
    settings.NOTIFICATION_CHANNELS = {
        **settings.NOTIFICATION_CHANNELS,
        "console": settings.NOTIFICATION_CHANNELS["file"],
    }
    return tmp_path


def _past_the_lease(message: OutboxMessage) -> None:
    import datetime as dt

    from django.conf import settings

    OutboxMessage.objects.filter(pk=message.pk).update(
        claimed_at=message.claimed_at - dt.timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS + 1)
    )


def test_a_worker_that_died_after_the_send_leaves_it_sent_once(gateway) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.outbox.channels import channel
    from onewindow.tenants.outbox.services import _claim

    with transaction.atomic():
        enqueue_notification("console", "13800138000", "您的办件已办结")
    claimed = _claim()  # the claim commits first …
    assert claimed is not None and claimed[0].status == OutboxStatus.SENDING
    message = claimed[0]
    channel("console").send(message, message.idempotency_key)  # … the send, then the worker dies
    assert deliver_pending() == 0  # within the lease nobody takes it
    _past_the_lease(message)
    assert deliver_pending() == 1  # the retry asks the gateway: delivered, so recorded only
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.attempts == 2
    assert (gateway / "attempts.log").read_text().split() == [message.idempotency_key]
    assert AuditEvent.objects.filter(action="notification.sent", subject_id=str(message.pk)).count() == 1


def test_a_worker_that_died_before_the_send_is_retried_under_the_same_key(gateway) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.outbox.services import _claim

    with transaction.atomic():
        enqueue_notification("console", "13800138000", "请补正材料")
    claimed = _claim()
    assert claimed is not None
    _past_the_lease(claimed[0])
    assert deliver_pending() == 1
    key = claimed[0].idempotency_key
    assert key.endswith(f":{claimed[0].pk}")
    assert (gateway / "attempts.log").read_text().split() == [key]
    assert [p.name for p in (gateway / "delivered").iterdir()] == [key.replace(":", "_")]
