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
