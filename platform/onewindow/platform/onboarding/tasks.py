"""The onboarding job as a Celery task (queued by ``request_onboarding``)."""

from __future__ import annotations

from celery import shared_task

from onewindow.platform.counties.blueprint import refill_spares
from onewindow.platform.onboarding.jobs import run_job


@shared_task(name="onewindow.platform.onboarding.tasks.run_onboarding_job", acks_late=True)
def run_onboarding_job(job_id: int) -> str:
    status = str(run_job(job_id).status)
    refill_spare_schemas.delay()  # the job may have taken the pool's last spare
    return status


@shared_task(name="onewindow.platform.onboarding.tasks.refill_spare_schemas", acks_late=True)
def refill_spare_schemas() -> int:
    """Spare county schemas for the next onboardings (``counties.blueprint``)."""
    return refill_spares()
