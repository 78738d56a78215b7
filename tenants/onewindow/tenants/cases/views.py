"""The correction notice as a printable PDF for staff (members of the county), and the guard
every staff document shares."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from onewindow.platform.accounts.services import roles_in
from onewindow.platform.core.http import error_response
from onewindow.tenants.cases.documents import correction_notice_pdf
from onewindow.tenants.cases.models import CorrectionNotice


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
    response = HttpResponse(correction_notice_pdf(notice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notice-{notice.number}.pdf"'
    return response
