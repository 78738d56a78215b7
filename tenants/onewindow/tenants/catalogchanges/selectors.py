"""Catalog change reads: the list, where a request stands, who answers for it, the limits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from onewindow.platform.core import clock
from onewindow.tenants.catalogchanges.models import CatalogChangeRequest, CatalogChangeSettings
from onewindow.tenants.escalation.subjects import Units


def change_requests(*, open_only: bool = False) -> QuerySet[CatalogChangeRequest]:
    """The requests, the one to apply soonest first."""
    rows = CatalogChangeRequest.objects.select_related("department", "item")
    if open_only:
        rows = rows.filter(applied_on__isnull=True)
    return rows.order_by("apply_due", "id")


def limits() -> CatalogChangeSettings:
    """The county's limits (its pack's ``catalog_changes``; 3 and 7 working days by default)."""
    return CatalogChangeSettings.objects.first() or CatalogChangeSettings()


@dataclass(frozen=True)
class ChangeState:
    reported_late: bool
    status: str  # applied / applied_late / overdue / due


def change_state(request: CatalogChangeRequest, today: dt.date | None = None) -> ChangeState:
    today = today or clock.today()
    late_report = request.reported_on > request.report_due
    if request.applied_on is not None:
        return ChangeState(
            late_report, "applied_late" if request.applied_on > request.apply_due else "applied"
        )
    return ChangeState(late_report, "overdue" if today > request.apply_due else "due")


def change_request_units(request_id: str) -> Units:
    """The department answering for a catalog change request, for its reminders."""
    code = (
        CatalogChangeRequest.objects.filter(pk=request_id).values_list("department__code", flat=True).first()
    )
    return Units(departments=(code,) if code else ())
