"""Thin tasks for 好差评: the default-rating sweep, fanned out per county."""

from __future__ import annotations

from celery import shared_task

from onewindow.platform.counties.tasking import fan_out_to_counties
from onewindow.tenants.reviews.services import apply_default_reviews


@shared_task(name="onewindow.tenants.reviews.tasks.apply_default_reviews", acks_late=True)
def apply_default_reviews_task() -> int:
    return apply_default_reviews()


@shared_task(name="onewindow.tenants.reviews.tasks.dispatch_default_reviews")
def dispatch_default_reviews() -> int:
    return fan_out_to_counties(apply_default_reviews_task)
