"""Task plumbing shared by every domain: fan-out to the active counties, and a diagnostic probe."""

from __future__ import annotations

from typing import Any

from celery import Task, shared_task

from onewindow.platform.core.tenancy import active_schema, in_public
from onewindow.platform.counties.models import County


def send_to_county(task: Task, schema_name: str, **kwargs: Any) -> None:
    """Enqueue ``task`` to run in ``schema_name`` (the header the worker switches on)."""
    task.apply_async(kwargs=kwargs, headers={"_schema_name": schema_name})


def fan_out_to_counties(task: Task, **kwargs: Any) -> int:
    """Enqueue ``task`` once per active county. Periodic jobs are such dispatchers.

    Runs in the public schema; each enqueued task runs in its county's schema.
    """
    with in_public():
        schemas = list(County.objects.active().values_list("schema_name", flat=True))
    for schema in schemas:
        send_to_county(task, schema, **kwargs)
    return len(schemas)


@shared_task(name="onewindow.platform.counties.tasking.whereami", acks_late=True)
def whereami() -> str:
    """The schema this task ran in (diagnostics: proves a task runs in its county)."""
    return str(active_schema())
