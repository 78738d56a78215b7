"""Thin tasks for cases: the daily default-rating sweep, fanned out per county."""

from __future__ import annotations

from celery import shared_task

from onewindow.platform.counties.tasking import fan_out_to_counties
from onewindow.tenants.cases.services import apply_default_reviews


@shared_task(name="onewindow.tenants.cases.tasks.apply_default_reviews", acks_late=True)
def apply_default_reviews_task() -> int:
    return apply_default_reviews()


@shared_task(name="onewindow.tenants.cases.tasks.dispatch_default_reviews")
def dispatch_default_reviews() -> int:
    return fan_out_to_counties(apply_default_reviews_task)
