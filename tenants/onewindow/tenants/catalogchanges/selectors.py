"""Catalog change reads: the list, where a request stands, who answers for it, the limits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, QuerySet

from onewindow.platform.core import clock
from onewindow.tenants.catalogchanges.models import CatalogChangeRequest, CatalogChangeSettings
from onewindow.tenants.escalation.subjects import Units


def change_requests(*, open_only: bool = False) -> QuerySet[CatalogChangeRequest]:
    """The requests, the one to apply soonest first."""
    rows = CatalogChangeRequest.objects.select_related("department", "item")
    if open_only:
        rows = rows.filter(applied_on__isnull=True)
    return rows.order_by(F("apply_due").asc(nulls_last=True), "id")


def limits() -> CatalogChangeSettings:
    """The county's limits (its pack's ``catalog_changes``; none by default: no clock)."""
    return CatalogChangeSettings.objects.first() or CatalogChangeSettings()


@dataclass(frozen=True)
class ChangeState:
    reported_late: bool
    status: str  # applied / applied_late / overdue / due / open (no limit: never late)


def reported_late(request: CatalogChangeRequest) -> bool:
    return request.report_due is not None and request.reported_on > request.report_due


def change_state(request: CatalogChangeRequest, today: dt.date | None = None) -> ChangeState:
    today = today or clock.today()
    late_report = reported_late(request)
    due = request.apply_due
    if request.applied_on is not None:
        return ChangeState(late_report, "applied_late" if due and request.applied_on > due else "applied")
    if due is None:
        return ChangeState(late_report, "open")
    return ChangeState(late_report, "overdue" if today > due else "due")


def change_request_units(request_id: str) -> Units:
    """The department answering for a catalog change request, for its reminders."""
    code = (
        CatalogChangeRequest.objects.filter(pk=request_id).values_list("department__code", flat=True).first()
    )
    return Units(departments=(code,) if code else ())
