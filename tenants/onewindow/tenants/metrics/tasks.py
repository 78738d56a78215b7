"""The nightly rollup (beat) and the on-demand one: a dispatcher fans out one task per county,
each computing its own facts in its own schema."""

from __future__ import annotations

from celery import shared_task

from onewindow.platform.counties.tasking import fan_out_to_counties
from onewindow.tenants.metrics.rollup import roll_up


@shared_task(name="onewindow.tenants.metrics.tasks.roll_up_county", acks_late=True)
def roll_up_county(full: bool = False) -> int:
    return roll_up(full=full, actor="rollup").days


@shared_task(name="onewindow.tenants.metrics.tasks.dispatch_rollups")
def dispatch_rollups(full: bool = False) -> int:
    return fan_out_to_counties(roll_up_county, full=full)
