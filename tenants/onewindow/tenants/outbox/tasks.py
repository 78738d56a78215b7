"""Thin tasks: deliver one county's outbox; the beat dispatcher fans out to every county."""

from __future__ import annotations

from celery import shared_task

from onewindow.platform.counties.tasking import fan_out_to_counties
from onewindow.tenants.outbox.services import deliver_pending


@shared_task(
    name="onewindow.tenants.outbox.tasks.deliver_outbox",
    acks_late=True,
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=5,
)
def deliver_outbox() -> int:
    return deliver_pending()


@shared_task(name="onewindow.tenants.outbox.tasks.dispatch_outbox_delivery")
def dispatch_outbox_delivery() -> int:
    return fan_out_to_counties(deliver_outbox)
