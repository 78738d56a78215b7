from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """心跳: written by a periodic task each worker runs; its age tells a stuck worker apart.

    Beat sends ``heartbeat`` through the queue like any task, so the age covers the whole path:
    beat → broker → a worker's pool → the database. ``onewindow up`` restarts a worker whose
    heartbeat is too old; ``/readyz`` reports the age.
    """

    hostname = models.CharField(max_length=200, primary_key=True)
    beat_at = models.DateTimeField()

    class Meta:
        verbose_name = "worker 心跳"

    def __str__(self) -> str:
        return f"{self.hostname} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"
