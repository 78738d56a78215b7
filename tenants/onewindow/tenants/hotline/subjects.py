"""12345 orders as subjects of the county's deadline chains (subject ``hotline_order``)."""

from __future__ import annotations

from onewindow.tenants.escalation.subjects import Units, register_subject
from onewindow.tenants.hotline.models import HotlineOrder


def order_units(order_id: str) -> Units:
    code = HotlineOrder.objects.filter(pk=order_id).values_list("department__code", flat=True).first()
    return Units(departments=(code,) if code else ())


def register() -> None:
    register_subject("HotlineOrder", kind="hotline_order", units=order_units)
