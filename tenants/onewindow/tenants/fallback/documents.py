"""The 办不成事 交办单 (温岭 002 附件2) as a PDF, laid out like the seed's form
(``templates/fallback/assignment.html`` through ``documents.render``)."""

from __future__ import annotations

from onewindow.platform.core import clock
from onewindow.tenants.documents.render import render_pdf
from onewindow.tenants.documents.selectors import letterhead
from onewindow.tenants.fallback.models import Assignment


def assignment_pdf(assignment: Assignment) -> bytes:
    assigned = assignment.assigned_at.astimezone(clock.COUNTY_TZ)
    due = assignment.due_on
    return render_pdf(
        "fallback/assignment.html",
        {
            "assignment": assignment,
            "case": assignment.case,
            "letterhead": letterhead(),
            "assigned_on": f"{assigned.year}年{assigned.month}月{assigned.day}日",
            "due_on": f"{due.year}年{due.month}月{due.day}日",
        },
    )


__all__ = ["assignment_pdf"]
