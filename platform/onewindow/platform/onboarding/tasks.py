"""The onboarding job as a Celery task (queued by ``request_onboarding``)."""

from __future__ import annotations

from celery import shared_task

from onewindow.platform.onboarding.jobs import run_job


@shared_task(name="onewindow.platform.onboarding.tasks.run_onboarding_job", acks_late=True)
def run_onboarding_job(job_id: int) -> str:
    return str(run_job(job_id).status)
