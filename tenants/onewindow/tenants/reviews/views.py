"""The page behind the QR code on the receipt: the case's status and its one review, no account."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.cases.links import case_from_token
from onewindow.tenants.cases.models import CaseStatus
from onewindow.tenants.reviews.selectors import is_reviewed
from onewindow.tenants.reviews.services import submit_review


def public_case(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the QR code on the receipt: status, and one review, with no account."""

    county = getattr(request, "tenant", None)
    try:
        case = case_from_token(token)
    except BusinessError as exc:
        return render(
            request, "reviews/public_case.html", {"county": county, "error": exc.message}, status=404
        )
    error = ""
    if request.method == "POST":
        try:
            submit_review(
                case.number,
                level=int(request.POST.get("level", "0") or 0),
                channel="qr",
                text=request.POST.get("text", ""),
                actor=None,
            )
        except (BusinessError, ValueError) as exc:
            error = getattr(exc, "message", "评价无效")
    reviewed = is_reviewed(case.pk)
    context = {
        "county": county,
        "case": case,
        "reviewed": reviewed,
        "error": error,
        "can_review": case.status not in (CaseStatus.RECEIVED,) and case.parent_id is None,
    }
    return render(request, "reviews/public_case.html", context, status=400 if error else 200)
