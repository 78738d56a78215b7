"""Work orders as subjects of the county's deadline chains."""

from __future__ import annotations

from onewindow.tenants.escalation.subjects import Units, register_subject
from onewindow.tenants.workorders.models import WorkOrder


def work_order_units(order_id: str) -> Units:
    code = WorkOrder.objects.filter(pk=order_id).values_list("department__code", flat=True).first()
    return Units(departments=(code,) if code else ())


def register() -> None:
    register_subject("WorkOrder", kind="work_order", units=work_order_units)
