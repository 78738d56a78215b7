"""12345 工单 (有诉即办, 004 第二十条): the centre's list by step and due date with the overdue
marked, and an order's page — 改派, 签收 / 退单, 办理, 答复, 回访, 登记办不成事 — with its timeline.
Orders arrive through the inbound API (docs/hotline-api.md), never from a page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.pages import PageError, answer, form_int, mutate, page, page_args, query, render_page

STATUSES = [
    ("RECEIVED", "待签收"),
    ("RETURNED", "已退单·待改派"),
    ("IN_HAND", "办理中"),
    ("HANDLED", "已办理·待答复"),
    ("REPLIED", "已答复·待回访"),
    ("CLOSED", "已办结"),
]
STEPS = [("SIGN", "签收"), ("DISPATCH", "改派"), ("HANDLE", "办理"), ("REPLY", "答复"), ("VISIT", "回访")]
KINDS = {"CONSULTATION": "咨询", "HELP": "求助", "COMPLAINT": "投诉举报", "SUGGESTION": "意见建议"}
SATISFACTION = [("SATISFIED", "满意"), ("BASIC", "基本满意"), ("UNSATISFIED", "不满意")]
REPLY_METHODS = ["电话", "短信", "当面", "书面"]
EVENTS = {
    "hotline.received": "接收（12345 派单）",
    "hotline.dispatched": "改派",
    "hotline.signed": "签收",
    "hotline.returned": "退单",
    "hotline.handled": "办理",
    "hotline.replied": "答复",
    "hotline.reopened": "回访不满意，重办",
    "hotline.closed": "回访满意，办结",
    "hotline.fallback_registered": "登记办不成事",
}


@page
def order_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or None
    step = request.GET.get("step") or None
    overdue = {"1": True, "0": False}.get(request.GET.get("overdue", ""))
    data = query(
        request,
        "hotline/list",
        status=status if status in dict(STATUSES) else None,
        step=step if step in dict(STEPS) else None,
        overdue=overdue,
        **page_args(request),
    )
    orders = [e["node"] for e in data["hotlineOrders"]["edges"]]
    for o in orders:
        o["kindLabel"] = KINDS.get(o["kind"], o["kind"])
        o["statusLabel"] = dict(STATUSES).get(o["status"], o["status"])
        o["stepLabel"] = dict(STEPS).get(o["step"] or "", "—")
    return render_page(
        request,
        "bff/hotline/list.html",
        {
            "title": "12345 工单（有诉即办）",
            "orders": orders,
            "connection": data["hotlineOrders"],
            "limits": data["hotlineStepLimits"],
            "statuses": STATUSES,
            "steps": STEPS,
            "status": status,
            "step": step,
            "overdue": request.GET.get("overdue", ""),
        },
    )


def _order(request: HttpRequest, number: str) -> dict[str, Any]:
    data = query(request, "hotline/order", number=number)
    order = data["hotlineOrder"]
    if order is None:
        raise PageError(404, "NOT_FOUND", f"12345 工单 {number} 不存在")
    order["kindLabel"] = KINDS.get(order["kind"], order["kind"])
    order["statusLabel"] = dict(STATUSES).get(order["status"], order["status"])
    order["stepLabel"] = dict(STEPS).get(order["step"] or "", "")
    order["satisfactionLabel"] = dict(SATISFACTION).get(order["satisfaction"] or "", "")
    timeline = [{**e, "label": EVENTS.get(e["action"], e["action"])} for e in order["timeline"]]
    return {
        "title": f"12345 工单 {number}",
        "order": order,
        "timeline": timeline,
        "departments": data["departments"],
        "satisfaction": SATISFACTION,
        "reply_methods": REPLY_METHODS,
    }


@page
def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    return render_page(request, "bff/hotline/order.html", _order(request, number))


@page
def order_action(request: HttpRequest, number: str, action: str) -> HttpResponse:
    here = reverse("bff:hotline-order", args=[number])
    if request.method != "POST":
        return redirect(here)
    post = request.POST
    version = form_int(post, "version")
    common = {"number": number, "version": version}
    if action == "dispatch":
        result = mutate(request, "hotline/dispatch", **common, department=post.get("department", ""))
        message = "已改派"
    elif action == "sign":
        result = mutate(request, "hotline/sign", **common)
        message = "已签收，请在期限内办理"
    elif action == "return":
        result = mutate(request, "hotline/return", **common, reason=post.get("reason", "").strip())
        message = "已退单，待中心改派"
    elif action == "handle":
        result = mutate(request, "hotline/handle", **common, handling=post.get("handling", "").strip())
        message = "已登记办理情况，请答复诉求人"
    elif action == "reply":
        result = mutate(
            request,
            "hotline/reply",
            **common,
            reply=post.get("reply", "").strip(),
            method=post.get("method", ""),
        )
        message = "已答复，待回访"
    elif action == "visit":
        satisfaction = post.get("satisfaction", "")
        result = mutate(
            request,
            "hotline/visit",
            **common,
            satisfaction=satisfaction if satisfaction in dict(SATISFACTION) else "SATISFIED",
            note=post.get("note", "").strip() or None,
        )
        message = "诉求人不满意，已退回重办" if satisfaction == "UNSATISFIED" else "回访满意，已办结"
    elif action == "fallback":
        result = mutate(request, "hotline/fallback", number=number)
        case = (result.payload.get("case") or {}).get("number", "")
        message = f"已登记办不成事 {case}"
    else:
        return redirect(here)
    return answer(
        request,
        result,
        message=message,
        url=here,
        template="bff/hotline/order.html",
        context=lambda: _order(request, number),
        failed_action=action,
    )
