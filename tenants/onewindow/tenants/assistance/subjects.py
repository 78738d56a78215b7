"""A 帮办代办 request's step deadlines and its complaints as subjects of the deadline chains."""

from __future__ import annotations

from onewindow.tenants.assistance.selectors import complaint_units, request_units
from onewindow.tenants.escalation.subjects import register_subject


def register() -> None:
    register_subject("AssistanceComplaint", kind="assistance_complaint", units=complaint_units)
    register_subject("AssistanceRequest", kind="assistance_request", units=request_units)
