"""Work orders and 帮办代办 complaints as subjects of the county's deadline chains."""

from __future__ import annotations

from onewindow.tenants.cases.selectors import department_of_case
from onewindow.tenants.escalation.subjects import Units, register_subject
from onewindow.tenants.workorders.models import AssistanceComplaint, WorkOrder


def work_order_units(order_id: str) -> Units:
    code = WorkOrder.objects.filter(pk=order_id).values_list("department__code", flat=True).first()
    return Units(departments=(code,) if code else ())


def complaint_units(complaint_id: str) -> Units:
    """The department of the case the complaint names, if it names one."""
    number = AssistanceComplaint.objects.filter(pk=complaint_id).values_list("case_number", flat=True).first()
    code = department_of_case(number) if number else None
    return Units(departments=(code,) if code else ())


def register() -> None:
    register_subject("WorkOrder", kind="work_order", units=work_order_units)
    register_subject("AssistanceComplaint", kind="assistance_complaint", units=complaint_units)
