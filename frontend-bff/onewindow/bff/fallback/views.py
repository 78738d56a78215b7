"""办不成事 board (centre manager): register → classify → 交办单 → report → resolve →
applicant's opinion → 销号 (only when satisfied), each step one form on the existing mutations."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.pages import (
    PageError,
    answer,
    form_int,
    mutate,
    page,
    page_args,
    permissions,
    query,
    render_page,
)
from onewindow.bff.templatetags.bff import choices

STATUSES = [
    ("REGISTERED", "已登记"),
    ("IN_HAND", "办理中"),
    ("RESOLVED", "已办结·待评价"),
    ("CLOSED", "已销号"),
]
TIERS = choices("tier")
CHANNELS = [("fallback_window", "办不成事反映窗口"), ("any_window", "其他窗口"), ("hotline", "12345 热线")]


def _board(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    status = request.GET.get("status") or None
    data = query(
        request, "fallback/board", status=status if status in dict(STATUSES) else None, **page_args(request)
    )
    return {
        "title": "办不成事",
        "cases": [e["node"] for e in data["fallbackCases"]["edges"]],
        "connection": data["fallbackCases"],
        "departments": data["departments"],
        "windows": data["windows"],
        "statuses": STATUSES,
        "channels": CHANNELS,
        "status": status,
        # any window registers (case.intake); the centre follows it up (work_orders.handle)
        "can_register": "case.intake" in permissions(request),
        "can_handle": "work_orders.handle" in permissions(request),
        **extra,
    }


@page
def board(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/fallback/board.html", _board(request))


@page
def register(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:fallback")
    post = request.POST
    result = mutate(
        request,
        "fallback/register",
        channel=post.get("channel", ""),
        applicantName=post.get("applicantName", "").strip(),
        applicantPhone=post.get("applicantPhone", "").strip() or None,
        summary=post.get("summary", "").strip(),
        departments=post.getlist("departments") or None,
        hotlineRef=post.get("hotlineRef", "").strip() or None,
        window=post.get("window") or None,
    )
    number = (result.payload.get("case") or {}).get("number", "")
    return answer(
        request,
        result,
        message=f"已登记 {number}",
        url=reverse("bff:fallback-case", args=[number or "-"]),
        template="bff/fallback/board.html",
        context=lambda: _board(request),
        posted=post,
        open_register=True,
    )


def _case(request: HttpRequest, number: str) -> dict[str, Any]:
    data = query(request, "fallback/case", number=number)
    case = data["fallbackCase"]
    if case is None:
        raise PageError(404, "NOT_FOUND", f"办不成事 {number} 不存在")
    return {"title": f"办不成事 {number}", "case": case, "departments": data["departments"], "tiers": TIERS}


@page
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    return render_page(request, "bff/fallback/case.html", _case(request, number))


@page
def case_action(request: HttpRequest, number: str, action: str) -> HttpResponse:
    here = reverse("bff:fallback-case", args=[number])
    if request.method != "POST":
        return redirect(here)
    post = request.POST
    version = form_int(post, "version")
    if action == "classify":
        result = mutate(
            request, "fallback/classify", number=number, version=version, tier=post.get("tier", "")
        )
        message = "已分类，按层级限时办理"
    elif action == "assign":
        result = mutate(
            request,
            "fallback/assign",
            number=number,
            version=version,
            department=post.get("department", ""),
            dueOn=post.get("dueOn") or None,
            responsible=post.get("responsible", "").strip(),
            matter=post.get("matter", "").strip(),
            leader=post.get("leader", "").strip(),
        )
        message = "已出具交办单"
    elif action == "report":
        result = mutate(
            request,
            "fallback/report",
            number=post.get("assignment", ""),
            completion=post.get("completion", "").strip(),
        )
        message = "已登记完成情况"
    elif action == "resolve":
        result = mutate(
            request, "fallback/resolve", number=number, version=version, result=post.get("result", "").strip()
        )
        message = "已办结，请回访申请人"
    elif action == "opinion":
        satisfied = post.get("satisfied") == "1"
        result = mutate(
            request,
            "fallback/opinion",
            number=number,
            version=version,
            satisfied=satisfied,
            feedback=post.get("feedback", "").strip() or None,
            nextTier=post.get("nextTier") == "1",
        )
        message = "申请人满意，可以销号" if satisfied else "申请人不满意，已退回重办"
    elif action == "close":
        result = mutate(request, "fallback/close", number=number)
        message = "已销号"
    else:
        return redirect(here)
    return answer(
        request,
        result,
        message=message,
        url=here,
        template="bff/fallback/case.html",
        context=lambda: _case(request, number),
        failed_action=action,
    )
