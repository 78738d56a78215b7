"""Printable documents for staff (members of the county)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from onewindow.platform.accounts.services import roles_in
from onewindow.platform.core.http import error_response
from onewindow.tenants.cases.documents import correction_notice_pdf
from onewindow.tenants.cases.models import CorrectionNotice


def _refuse_non_member(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return error_response(401, "UNAUTHENTICATED", "请先登录")
    if not roles_in(request.user, getattr(request, "tenant", None)):
        return error_response(403, "NOT_A_MEMBER", "您不是本县的成员")
    return None


def assignment_sheet(request: HttpRequest, number: str) -> HttpResponse:
    from onewindow.tenants.cases.documents import assignment_pdf
    from onewindow.tenants.fallback.models import Assignment

    refused = _refuse_non_member(request)
    if refused:
        return refused
    assignment = Assignment.objects.select_related("case", "department").filter(number=number).first()
    if assignment is None:
        return error_response(404, "NOT_FOUND", f"交办单 {number} 不存在")
    response = HttpResponse(assignment_pdf(assignment), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="assignment-{assignment.number}.pdf"'
    return response


def correction_notice(request: HttpRequest, number: str) -> HttpResponse:
    refused = _refuse_non_member(request)
    if refused:
        return refused
    notice = (
        CorrectionNotice.objects.select_related(
            "case__applicant", "case__item", "case__bundle", "case__window"
        )
        .filter(number=number)
        .first()
    )
    if notice is None:
        return error_response(404, "NOT_FOUND", f"告知书 {number} 不存在")
    response = HttpResponse(correction_notice_pdf(notice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notice-{notice.number}.pdf"'
    return response


def assessment_table(request: HttpRequest, period_id: int) -> HttpResponse:
    """The ranking table (通许 weekly 通报, 乌审旗 quarterly table) as Excel."""
    from onewindow.tenants.scoring.exports import period_workbook
    from onewindow.tenants.scoring.models import Period

    refused = _refuse_non_member(request)
    if refused:
        return refused
    period = Period.objects.select_related("rule_set", "version").filter(pk=period_id).first()
    if period is None or not period.results.exists():
        return error_response(404, "NOT_FOUND", "该考核期不存在或尚未结算")
    response = HttpResponse(
        period_workbook(period),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="assessment-{period.rule_set.code}-{period.starts_on}.xlsx"'
    )
    return response
