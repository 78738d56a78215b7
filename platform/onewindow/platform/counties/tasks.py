"""Onboarding runs in a worker: cloning a schema takes seconds, not a request's time."""

from __future__ import annotations

from celery import shared_task

from onewindow.platform.accounts.models import User
from onewindow.platform.counties.services import onboard_county


@shared_task(name="onewindow.platform.counties.tasks.onboard_county_task", acks_late=True)
def onboard_county_task(
    code: str, name: str, province: str = "", domains: list[str] | None = None, actor_id: int | None = None
) -> str:
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    county = onboard_county(code, name, province, domains=domains, actor=actor)
    return county.schema_name
