"""中心管理 (centre manager): overdue cases and 挂牌警示, extension approvals."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.pages import answer, mutate, page, page_args, query, render_page


@page
def overdue(request: HttpRequest) -> HttpResponse:
    data = query(request, "manage/overdue", **page_args(request))
    return render_page(
        request,
        "bff/manage/overdue.html",
        {
            "title": "超期与挂牌警示",
            "connection": data["overdue"],
            "cases": [e["node"] for e in data["overdue"]["edges"]],
            "flagged": [e["node"] for e in data["flagged"]["edges"]],
            "flagged_total": data["flagged"]["totalCount"],
        },
    )


def _extensions(request: HttpRequest) -> dict[str, object]:
    data = query(request, "manage/extensions", **page_args(request))
    rows = [
        {"case": e["node"], "extension": x}
        for e in data["cases"]["edges"]
        for x in e["node"]["extensions"]
        if x["status"] == "REQUESTED"
    ]
    return {"title": "延期审批", "rows": rows, "connection": data["cases"]}


@page
def extensions(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/manage/extensions.html", _extensions(request))


@page
def decide_extension(request: HttpRequest, extension_id: str) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:manage-extensions")
    approve = request.POST.get("approve") == "1"
    result = mutate(request, "manage/decide_extension", id=extension_id, approve=approve)
    number = (result.payload.get("case") or {}).get("number", "")
    message = f"已批准 {number} 的延期" if approve else f"未批准 {number} 的延期"
    return answer(
        request,
        result,
        message=message,
        url=reverse("bff:manage-extensions"),
        template="bff/manage/extensions.html",
        context=lambda: _extensions(request),
        failed_id=extension_id,
    )
