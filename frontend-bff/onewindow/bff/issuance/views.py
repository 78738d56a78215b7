"""综合出件 (issuance window): results ready to issue, each with its hand-over from the department
(签收, 000 第九条); pickup, self-print or express (the SMS goes through the outbox); delivery
confirmation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.pages import answer, form_int, me, mutate, page, page_args, query, render_page
from onewindow.bff.templatetags.bff import choices

DELIVERIES = choices("delivery")


def _handovers(case: dict[str, Any]) -> list[dict[str, Any]]:
    """The department hand-overs behind a result: its own, or each sub-case's (一件事)."""
    if case.get("resultHandover"):
        return [{**case["resultHandover"], "department": ""}]
    return [
        {**sub["resultHandover"], "department": sub["departmentName"]}
        for sub in case.get("subCases") or []
        if sub.get("resultHandover")
    ]


def _ready(request: HttpRequest) -> dict[str, object]:
    data = query(request, "issuance/ready", **page_args(request))
    for edge in data["ready"]["edges"]:
        case = edge["node"]
        case["handovers"] = _handovers(case)
        case["awaiting_receipt"] = any(h["handedAt"] and not h["receivedAt"] for h in case["handovers"])
    member = me(request).get("staffMember") or {}
    return {
        "title": "综合出件",
        "ready": data["ready"],
        "issued": [e["node"] for e in data["issued"]["edges"]],
        "windows": data["windows"],
        "my_window": member.get("windowCode"),
        "deliveries": DELIVERIES,
    }


@page
def ready(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/issuance/ready.html", _ready(request))


@page
def issue(request: HttpRequest, number: str) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:issuance")
    post = request.POST
    result = mutate(
        request,
        "issuance/issue",
        number=number,
        version=form_int(post, "version"),
        window=post.get("window", ""),
        delivery=post.get("delivery", ""),
        trackingNumber=post.get("tracking_number", "").strip() or None,
    )
    return answer(
        request,
        result,
        message=f"{number} 已出件",
        url=reverse("bff:issuance"),
        template="bff/issuance/ready.html",
        context=lambda: _ready(request),
        failed_number=number,
    )


@page
def receive(request: HttpRequest, number: str) -> HttpResponse:
    """签收: the 综合出件 window signs for the result the department handed over (000 第九条)."""
    if request.method != "POST":
        return redirect("bff:issuance")
    result = mutate(request, "issuance/receive", number=number, window=request.POST.get("window", ""))
    return answer(
        request,
        result,
        message=f"{number} 的办理结果已签收",
        url=reverse("bff:issuance"),
        template="bff/issuance/ready.html",
        context=lambda: _ready(request),
        failed_number=number,
    )


@page
def confirm(request: HttpRequest, number: str) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:issuance")
    result = mutate(request, "issuance/confirm", number=number)
    return answer(
        request,
        result,
        message=f"{number} 已确认送达",
        url=reverse("bff:issuance"),
        template="bff/issuance/ready.html",
        context=lambda: _ready(request),
        failed_number=number,
    )
