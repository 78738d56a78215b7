"""The 交办单 (assignment sheet) as a printable PDF for staff."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from onewindow.platform.core.http import error_response
from onewindow.tenants.cases.views import refuse_non_member
from onewindow.tenants.fallback.documents import assignment_pdf
from onewindow.tenants.fallback.models import Assignment


def assignment_sheet(request: HttpRequest, number: str) -> HttpResponse:
    refused = refuse_non_member(request)
    if refused:
        return refused
    assignment = Assignment.objects.select_related("case", "department").filter(number=number).first()
    if assignment is None:
        return error_response(404, "NOT_FOUND", f"交办单 {number} 不存在")
    response = HttpResponse(assignment_pdf(assignment), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="assignment-{assignment.number}.pdf"'
    return response
