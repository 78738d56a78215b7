"""Thin tasks for cases, fanned out per county: commitments past their day are broken, results
not at the 综合出件 window by their day are late (each once; a repeated run is harmless)."""

from __future__ import annotations

from celery import shared_task

from onewindow.platform.counties.tasking import fan_out_to_counties
from onewindow.tenants.cases.services import break_overdue_commitments, flag_late_handovers


@shared_task(name="onewindow.tenants.cases.tasks.sweep_case_deadlines", acks_late=True)
def sweep_case_deadlines() -> int:
    return break_overdue_commitments() + flag_late_handovers()


@shared_task(name="onewindow.tenants.cases.tasks.dispatch_case_deadlines")
def dispatch_case_deadlines() -> int:
    return fan_out_to_counties(sweep_case_deadlines)
