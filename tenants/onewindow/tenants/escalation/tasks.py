"""The escalation scan: beat runs the dispatcher every minute; it fans out one scan per county."""

from __future__ import annotations

from celery import shared_task

from onewindow.platform.counties.tasking import fan_out_to_counties
from onewindow.tenants.escalation.services import scan


@shared_task(name="onewindow.tenants.escalation.tasks.scan_county", acks_late=True)
def scan_county() -> int:
    return scan()


@shared_task(name="onewindow.tenants.escalation.tasks.dispatch_scans")
def dispatch_scans() -> int:
    return fan_out_to_counties(scan_county)
