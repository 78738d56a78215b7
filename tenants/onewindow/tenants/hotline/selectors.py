"""Reads of 12345 orders: the centre's list by step and due date, overdue, timelines."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, QuerySet

from onewindow.platform.core import clock
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.audit.selectors import timelines
from onewindow.tenants.escalation.models import Watch
from onewindow.tenants.hotline.models import HotlineOrder, HotlineStatus


def order_list(
    *, status: str | None = None, step: str | None = None, overdue: bool | None = None
) -> QuerySet[HotlineOrder]:
    """Open orders by the due date of the step they wait for (soonest first), closed ones last."""
    qs = HotlineOrder.objects.select_related("department")
    if status:
        qs = qs.filter(status=status)
    if step:
        qs = qs.filter(step=step)
    if overdue is True:
        qs = qs.exclude(status=HotlineStatus.CLOSED).filter(step_due_on__lt=clock.today())
    elif overdue is False:
        qs = qs.exclude(step_due_on__lt=clock.today(), status__in=list(open_statuses()))
    return qs.order_by(F("step_due_on").asc(nulls_last=True), "id")


def open_statuses() -> tuple[str, ...]:
    return tuple(s for s in HotlineStatus.values if s != HotlineStatus.CLOSED)


def order_by_number(number: str) -> HotlineOrder | None:
    return HotlineOrder.objects.select_related("department").filter(number=number).first()


def is_overdue(order: HotlineOrder, today: dt.date | None = None) -> bool:
    return (
        order.status != HotlineStatus.CLOSED
        and order.step_due_on is not None
        and order.step_due_on < (today or clock.today())
    )


def order_timelines(pks: list[int]) -> dict[int, list[AuditEvent]]:
    """The timelines of a page of orders, in one query."""
    return {int(pk): events for pk, events in timelines("HotlineOrder", [str(pk) for pk in pks]).items()}


def flagged_orders(pks: list[int]) -> dict[int, bool]:
    """Which of a page of orders a chain has flagged (挂牌警示) on the step they wait for."""
    ids = Watch.objects.filter(
        subject_type="HotlineOrder",
        subject_id__in=[str(pk) for pk in pks],
        resolved_at__isnull=True,
        flagged=True,
    ).values_list("subject_id", flat=True)
    return {int(pk): True for pk in ids}
