"""The worker's heartbeat: a periodic task that records when a worker last ran anything."""

from __future__ import annotations

import datetime as dt
import socket

from celery import shared_task
from django.conf import settings

from onewindow.platform.core import clock
from onewindow.platform.core.tenancy import in_public


@shared_task(name="onewindow.platform.project.heartbeat.heartbeat", ignore_result=True, expires=60)
def heartbeat() -> None:
    from onewindow.platform.project.web.models import WorkerHeartbeat

    request = heartbeat.request
    hostname = str(getattr(request, "hostname", None) or socket.gethostname())
    with in_public():
        WorkerHeartbeat.objects.update_or_create(hostname=hostname, defaults={"beat_at": clock.now()})


def heartbeat_age() -> float | None:
    """Seconds since any worker's last heartbeat (None: never)."""
    from onewindow.platform.project.web.models import WorkerHeartbeat

    with in_public():
        newest = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    if newest is None:
        return None
    return max(0.0, (clock.now() - newest).total_seconds())


def stall_after() -> dt.timedelta:
    return dt.timedelta(seconds=settings.WORKER_STALL_SECONDS)
