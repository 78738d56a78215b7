"""The 委托书 and 回执 as PDFs for staff (members of the county); the QR leads to the public
tracking page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from onewindow.platform.core.http import error_response
from onewindow.tenants.assistance.documents import mandate_pdf, receipt_pdf
from onewindow.tenants.assistance.links import request_token
from onewindow.tenants.assistance.models import AssistanceRequest
from onewindow.tenants.cases.views import refuse_non_member


def _document(request: HttpRequest, number: str, which: str) -> HttpResponse:
    refused = refuse_non_member(request)
    if refused:
        return refused
    found = (
        AssistanceRequest.objects.select_related("site", "agent")
        .prefetch_related("items")
        .filter(number=number)
        .first()
    )
    if found is None:
        return error_response(404, "NOT_FOUND", f"帮办代办委托 {number} 不存在")
    url = request.build_absolute_uri(reverse("bff:assistance-track", args=[request_token(found)]))
    body = mandate_pdf(found, url) if which == "mandate" else receipt_pdf(found, url)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{which}-{found.number}.pdf"'
    return response


def mandate(request: HttpRequest, number: str) -> HttpResponse:
    return _document(request, number, "mandate")


def receipt(request: HttpRequest, number: str) -> HttpResponse:
    return _document(request, number, "receipt")
