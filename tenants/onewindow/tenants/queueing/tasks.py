"""By time: tickets expire at closing time (every five minutes), reminders the day before."""

from __future__ import annotations

from celery import shared_task

from onewindow.platform.counties.tasking import fan_out_to_counties
from onewindow.tenants.queueing.booking import send_reminders
from onewindow.tenants.queueing.services import expire_tickets


@shared_task(name="onewindow.tenants.queueing.tasks.expire_county", acks_late=True)
def expire_county() -> int:
    return expire_tickets() + send_reminders()


@shared_task(name="onewindow.tenants.queueing.tasks.dispatch_expiry")
def dispatch_expiry() -> int:
    return fan_out_to_counties(expire_county)
