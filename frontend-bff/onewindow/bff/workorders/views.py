"""差评 work orders: callback (回访), classification, rectification report — one form each."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.pages import answer, form_int, mutate, page, page_args, query, query_one, render_page
from onewindow.bff.templatetags.bff import choices

STATUSES = [
    ("OPEN", "待回访"),
    ("CALLED_BACK", "已回访"),
    ("RECTIFYING", "整改中"),
    ("RECTIFIED", "已整改"),
    ("APPEALED", "申诉中"),
    ("ARCHIVED", "已归档"),
]
CLASSIFICATIONS = choices("classification")


@page
def order_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or None
    data = query(
        request, "workorders/list", status=status if status in dict(STATUSES) else None, **page_args(request)
    )
    rate = data["workOrderCallbackRate"]
    return render_page(
        request,
        "bff/workorders/list.html",
        {
            "title": "差评整改工单",
            "orders": [e["node"] for e in data["workOrders"]["edges"]],
            "connection": data["workOrders"],
            "statuses": STATUSES,
            "status": status,
            "callback_rate": None if rate is None else round(rate * 100, 1),
        },
    )


def _order(request: HttpRequest, number: str) -> dict[str, Any]:
    order = query_one(request, "workorders/order", "workOrder", f"工单 {number}", number=number)
    return {"title": f"差评工单 {number}", "order": order, "classifications": CLASSIFICATIONS}


@page
def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    return render_page(request, "bff/workorders/order.html", _order(request, number))


@page
def order_action(request: HttpRequest, number: str, action: str) -> HttpResponse:
    here = reverse("bff:work-order", args=[number])
    if request.method != "POST":
        return redirect(here)
    post = request.POST
    version = form_int(post, "version")
    if action == "callback":
        result = mutate(
            request,
            "workorders/callback",
            number=number,
            version=version,
            note=post.get("note", "").strip(),
            verified=post.get("verified") == "1",
        )
        message = "已登记回访"
    elif action == "classify":
        result = mutate(
            request,
            "workorders/classify",
            number=number,
            version=version,
            classification=post.get("classification", ""),
            explanation=post.get("explanation", "").strip() or None,
            rectificationDueOn=post.get("rectificationDueOn") or None,
        )
        message = "已分类处理"
    elif action == "rectify":
        result = mutate(
            request,
            "workorders/rectify",
            number=number,
            version=version,
            report=post.get("report", "").strip(),
        )
        message = "已报告整改情况"
    else:
        return redirect(here)
    return answer(
        request,
        result,
        message=message,
        url=here,
        template="bff/workorders/order.html",
        context=lambda: _order(request, number),
        failed_action=action,
    )
