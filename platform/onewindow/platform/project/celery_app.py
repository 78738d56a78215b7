"""The Celery app. Tasks carry their county (tenant-schemas-celery puts the schema in a header).

Worker: ``celery -A onewindow.platform.project.celery_app worker``; beat: ``… beat``. ``onewindow up``
starts both.
"""

from __future__ import annotations

import os

from celery.signals import task_postrun, task_prerun
from django.db import connection
from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.platform.project.settings")

app = CeleryApp("onewindow")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Every module that defines tasks; a worker imports them all at start.
app.conf.imports = (
    "onewindow.platform.counties.tasking",
    "onewindow.platform.onboarding.tasks",
    "onewindow.platform.project.heartbeat",
    "onewindow.tenants.outbox.tasks",
    "onewindow.tenants.reviews.tasks",
    "onewindow.tenants.escalation.tasks",
    "onewindow.tenants.cases.tasks",
)


@task_prerun.connect(weak=False)
def _bind_county_to_logs(task: object = None, **_: object) -> None:
    # Runs after tenant-schemas-celery switched the schema (its handler connects first).
    from onewindow.platform.core import context

    tenant = getattr(connection, "tenant", None)
    code = getattr(tenant, "code", None)
    context.county_code.set(code or "platform")


@task_postrun.connect(weak=False)
def _unbind_county(**_: object) -> None:
    from onewindow.platform.core import context

    context.county_code.set("-")
