"""Catalog change requests (事项目录调整, 通许 004 第十二条): report, then apply."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, NotFound
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.catalog.models import ServiceItem
from onewindow.tenants.catalogchanges.events import CATALOG_CHANGE_REPORTED, CatalogChangeReported
from onewindow.tenants.catalogchanges.models import CatalogChangeRequest
from onewindow.tenants.catalogchanges.selectors import limits, reported_late
from onewindow.tenants.escalation import services as escalation
from onewindow.tenants.escalation.models import SubjectKind
from onewindow.tenants.events import SubjectRef, emit
from onewindow.tenants.hall.models import Department
from onewindow.tenants.workcalendar.calendar import WorkingCalendar


@transaction.atomic
def report_catalog_change(
    *,
    department: str,
    summary: str,
    rule_published_on: dt.date,
    item: str | None = None,
    reported_on: dt.date | None = None,
    actor: object | None,
) -> CatalogChangeRequest:
    """A department tells the centre that a rule change affects the catalog; the deadlines the
    pack sets are computed on the county calendar (a limit it leaves out: no deadline)."""
    dept = Department.objects.live().filter(code=department).first()
    if dept is None:
        raise NotFound(f"部门 {department}", field="department")
    target = None
    if item:
        target = ServiceItem.objects.live().filter(code=item).first()
        if target is None:
            raise NotFound(f"事项 {item}", field="item")
    if not summary.strip():
        raise BusinessError("REQUIRED", "请说明调整内容", field="summary")
    reported_on = reported_on or clock.today()
    if reported_on < rule_published_on:
        raise BusinessError("REPORTED_BEFORE_PUBLISHED", "告知日不能早于依据公布日", field="reported_on")
    calendar = WorkingCalendar.for_active_county()
    within = limits()  # 通许 004 第十二条: report within 3, apply within 7 working days (its pack)
    report_days, apply_days = within.report_within_days, within.apply_within_days
    request = CatalogChangeRequest.objects.create(
        item=target,
        department=dept,
        summary=summary.strip(),
        rule_published_on=rule_published_on,
        reported_on=reported_on,
        report_due=calendar.add_working_days(rule_published_on, report_days) if report_days else None,
        apply_due=calendar.add_working_days(reported_on, apply_days) if apply_days else None,
        created_at=clock.now(),
    )
    if request.apply_due is not None:  # no limit, nothing to watch
        escalation.start_watches(
            SubjectKind.CATALOG_CHANGE,
            "CatalogChangeRequest",
            request.pk,
            f"目录调整 {request.summary[:30]}",
            started_on=reported_on,
            deadline_on=request.apply_due,
        )
    emit(
        CATALOG_CHANGE_REPORTED,
        request,
        actor=actor,
        data=CatalogChangeReported(
            department=department,
            item=item,
            apply_due=request.apply_due.isoformat() if request.apply_due else None,
            reported_late=reported_late(request),
            ref=SubjectRef(kind="catalog_change", id=str(request.pk)),
        ),
    )
    return request


@transaction.atomic
def mark_catalog_change_applied(
    request_id: int, *, applied_on: dt.date | None = None, actor: object | None
) -> CatalogChangeRequest:
    request = CatalogChangeRequest.objects.select_for_update().filter(pk=request_id).first()
    if request is None:
        raise NotFound("目录调整", field="id")
    if request.applied_on is not None:
        raise BusinessError("ALREADY_APPLIED", "该调整已完成", field="id")
    request.applied_on = applied_on or clock.today()
    request.save(update_fields=["applied_on"])
    escalation.resolve_watches("CatalogChangeRequest", request.pk)
    record_event(
        "catalog_change.applied", request, actor=actor, data={"applied_on": request.applied_on.isoformat()}
    )
    return request


__all__ = ["mark_catalog_change_applied", "report_catalog_change"]
