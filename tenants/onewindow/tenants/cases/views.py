"""A case's printable documents as PDFs for staff (members of the county) — the 受理回执, the
一次性告知书 and the 不予受理通知书, each with the QR code of the receipt link — and the guard
every staff document shares."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from onewindow.platform.accounts.services import roles_in
from onewindow.platform.core.http import error_response
from onewindow.tenants.cases.documents import correction_notice_pdf, receipt_pdf, refusal_notice_pdf
from onewindow.tenants.cases.links import case_token
from onewindow.tenants.cases.models import Case, CaseStatus, CorrectionNotice
from onewindow.tenants.documents.render import PAPERS


def refuse_non_member(request: HttpRequest) -> HttpResponse | None:
    """401 or 403 unless the caller is a member of the county (the staff documents' guard).
    A browser that follows a PDF or Excel link without a session goes to the login page
    instead, and comes back to the document after logging in."""
    if not request.user.is_authenticated:
        if "text/html" in request.headers.get("Accept", ""):
            return redirect_to_login(request.get_full_path())
        return error_response(401, "UNAUTHENTICATED", "请先登录")
    if not roles_in(request.user, getattr(request, "tenant", None)):
        return error_response(403, "NOT_A_MEMBER", "您不是本县的成员")
    return None


def receipt_link(request: HttpRequest, case: Case) -> str:
    """The signed receipt link as the QR code prints it: on the host the document was asked on."""
    return request.build_absolute_uri(reverse("bff:receipt", args=[case_token(case)]))


def _pdf(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


def _case(number: str) -> Case | None:
    return (
        Case.objects.select_related("applicant", "item", "bundle", "window", "department")
        .filter(number=number)
        .first()
    )


def correction_notice(request: HttpRequest, number: str) -> HttpResponse:
    refused = refuse_non_member(request)
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
    return _pdf(correction_notice_pdf(notice, receipt_link(request, notice.case)), f"notice-{notice.number}")


def acceptance_receipt(request: HttpRequest, number: str) -> HttpResponse:
    """受理回执: ``?paper=80mm`` for the thermal printer, A4 otherwise."""
    refused = refuse_non_member(request)
    if refused:
        return refused
    case = _case(number)
    if case is None:
        return error_response(404, "NOT_FOUND", f"办件 {number} 不存在")
    if case.accepted_on is None:
        return error_response(409, "NOT_ACCEPTED", f"办件 {number} 尚未受理，没有受理回执")
    paper = request.GET.get("paper", "a4")
    if paper not in PAPERS:
        return error_response(400, "INVALID", "纸张只能是 a4 或 80mm")
    body = receipt_pdf(case, receipt_link(request, case), paper=paper)
    return _pdf(body, f"receipt-{case.number}-{paper}")


def refusal_notice(request: HttpRequest, number: str) -> HttpResponse:
    refused = refuse_non_member(request)
    if refused:
        return refused
    case = _case(number)
    if case is None:
        return error_response(404, "NOT_FOUND", f"办件 {number} 不存在")
    if case.status != CaseStatus.REFUSED:
        return error_response(409, "NOT_REFUSED", f"办件 {number} 未作出不予受理决定")
    return _pdf(refusal_notice_pdf(case, receipt_link(request, case)), f"refusal-{case.number}")
