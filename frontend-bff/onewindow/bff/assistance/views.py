"""帮办代办 pages (003 附件2): the agent's list and take form (phone-sized), a request with its
steps, hand-over and acknowledgement (every material ticked), result, delivery and evaluation;
the network's compliance (staffing, 8个统一, inspections) with the measures; the ledger per
site and month, exported to Excel; the public tracking page the 委托书's QR opens."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from onewindow.bff.exports import xlsx_response
from onewindow.bff.pages import (
    answer,
    mutate,
    page,
    page_args,
    query,
    query_one,
    render_page,
    require_permission,
)
from onewindow.bff.queueing.qr import qr_svg

PERM = "assistance.handle"
LEVELS = {
    "county": "县级政务服务中心",
    "township": "苏木镇便民服务中心",
    "village": "嘎查村（社区）便民服务站",
}
DELIVERY = [("home", "上门送达"), ("electronic", "电子反馈"), ("express", "快递邮寄"), ("window", "窗口交付")]
INSPECTED = [("equipment", "有办公设备"), ("guide", "有办事指南"), ("rules", "有制度机制")]


def _lines(text: str) -> list[str]:
    return [
        line.strip() for line in text.replace("，", "\n").replace("、", "\n").splitlines() if line.strip()
    ]


def _list_context(request: HttpRequest) -> dict[str, Any]:
    site = request.GET.get("site") or None
    open_only = request.GET.get("all") != "1"
    data = query(request, "assistance/requests", site=site, openOnly=open_only, **page_args(request, 20))
    network = data["assistanceNetwork"]
    return {
        "title": "帮办代办",
        "requests": [e["node"] for e in data["assistanceRequests"]["edges"]],
        "connection": data["assistanceRequests"],
        "network": network,
        "site": site,
        "open_only": open_only,
        "levels": LEVELS,
        "pairs": [(s, a) for s in network for a in s["agents"]],
        "items_by_site": {s["code"]: s["items"] for s in network},
        "form": {},
    }


@page
def requests(request: HttpRequest) -> HttpResponse:
    require_permission(request, PERM)
    return render_page(request, "bff/assistance/list.html", _list_context(request))


@page
def take(request: HttpRequest) -> HttpResponse:
    require_permission(request, PERM)
    if request.method != "POST":
        return redirect("bff:assistance")
    post = request.POST
    site, _, agent = post.get("siteAgent", "").partition("|")
    result = mutate(
        request,
        "assistance/take",
        site=site,
        agent=agent,
        applicantName=post.get("applicantName", "").strip(),
        applicantPhone=post.get("applicantPhone", "").strip() or None,
        items=post.getlist("items"),
        materials=_lines(post.get("materials", "")),
        consent=post.get("consent") == "1",
        atHome=post.get("atHome") == "1",
        homeAddress=post.get("homeAddress", "").strip() or None,
        scope=post.get("scope") or "full",
    )
    number = (result.payload.get("request") or {}).get("number")
    return answer(
        request,
        result,
        message=f"已受托 {number}，请打印委托书请申请人签字，并交回执" if number else "",
        url=reverse("bff:assistance-request", args=[number]) if number else reverse("bff:assistance"),
        template="bff/assistance/list.html",
        context=lambda: {**_list_context(request), "form": post},
        failed_action="take",
    )


def _detail(request: HttpRequest, number: str) -> dict[str, Any]:
    found = query_one(
        request, "assistance/request", "assistanceRequest", f"帮办代办委托 {number}", number=number
    )
    return {"title": f"帮办代办 {number}", "r": found, "levels": LEVELS, "delivery": DELIVERY}


@page
def detail(request: HttpRequest, number: str) -> HttpResponse:
    require_permission(request, PERM)
    return render_page(request, "bff/assistance/request.html", _detail(request, number))


ACTIONS = {
    "hand-over": ("assistance/hand_over", "已移交，待上一级核对接收"),
    "acknowledge": ("assistance/acknowledge", "材料已逐项核对，已接收"),
    "return": ("assistance/return_result", "结果已交代办员返还申请人"),
    "deliver": ("assistance/deliver", "已确认送达"),
    "evaluate": ("assistance/evaluate", "已登记回访评议"),
}


@page
def action(request: HttpRequest, number: str, action: str) -> HttpResponse:
    require_permission(request, PERM)
    here = reverse("bff:assistance-request", args=[number])
    if request.method != "POST" or action not in ACTIONS:
        return redirect(here)
    post = request.POST
    operation, message = ACTIONS[action]
    variables: dict[str, Any] = {"number": number}
    if action == "hand-over":
        variables["materials"] = post.getlist("materials")
    elif action == "acknowledge":
        variables["acknowledged"] = post.getlist("acknowledged")
    elif action == "return":
        variables["note"] = post.get("note", "").strip() or None
    elif action == "deliver":
        variables.update(method=post.get("method", ""), receivedBy=post.get("receivedBy", "").strip())
    else:
        level = post.get("level", "")
        variables.update(
            level=int(level) if level.isdecimal() else 0,
            method=post.get("method", ""),
            comment=post.get("comment", "").strip() or None,
        )
    result = mutate(request, operation, **variables)
    return answer(
        request,
        result,
        message=message,
        url=here,
        template="bff/assistance/request.html",
        context=lambda: _detail(request, number),
        failed_action=action,
    )


# --- the network: staffing, 8个统一, measures ------------------------------------------------------


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _network(request: HttpRequest) -> dict[str, Any]:
    data = query(request, "assistance/network")
    sites = data["assistanceNetwork"]
    measures = data["assistanceMeasures"]
    for group in (measures["agents"], measures["sites"]):
        for m in group:
            m["onTimeText"], m["satisfactionText"] = _pct(m["onTimeRate"]), _pct(m["satisfaction"])
    return {
        "title": "帮办代办网络与“8个统一”",
        "sites": sites,
        "short": [s for s in sites if s["shortOfAgents"]],
        "warnings": data["assistanceWarnings"],
        "measures": measures,
        "levels": LEVELS,
        "inspected": INSPECTED,
        "today": timezone.localdate().isoformat(),
    }


@page
def compliance(request: HttpRequest) -> HttpResponse:
    require_permission(request, PERM)
    return render_page(request, "bff/assistance/compliance.html", _network(request))


@page
def inspect(request: HttpRequest) -> HttpResponse:
    here = reverse("bff:assistance-compliance")
    if request.method != "POST":
        return redirect(here)
    post = request.POST
    result = mutate(
        request,
        "assistance/inspect",
        site=post.get("site", ""),
        criterion=post.get("criterion", ""),
        met=post.get("met") == "1",
        evidence=post.get("evidence", "").strip(),
        checkedOn=post.get("checkedOn") or timezone.localdate().isoformat(),
    )
    return answer(
        request,
        result,
        message="已登记检查结果",
        url=here,
        template="bff/assistance/compliance.html",
        context=lambda: _network(request),
        failed_action="inspect",
    )


# --- the ledger ------------------------------------------------------------------------------------


def _month(request: HttpRequest) -> tuple[int, int]:
    text = request.GET.get("month") or ""
    try:
        day = dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        day = timezone.localdate()
    return day.year, day.month


LEDGER_COLUMNS = [
    ("序号", 6),
    ("委托编号", 16),
    ("受托时间", 17),
    ("申请人", 10),
    ("上门", 6),
    ("委托事项", 28),
    ("代办员", 10),
    ("移交", 14),
    ("办件编号", 16),
    ("状态", 12),
    ("送达", 16),
    ("评价", 6),
]


def _when(value: str | None) -> str:
    if not value:
        return ""
    return timezone.localtime(dt.datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")


def _ledger_rows(requests_: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [
            i,
            r["number"],
            _when(r["takenAt"]),
            r["applicantName"],
            "是" if r["atHome"] else "",
            "、".join(r["itemNames"]),
            r["agentName"],
            "；".join(f"{h['toSite']}{'' if h['onTime'] else '（超时）'}" for h in r["handovers"]),
            r["caseNumber"] or "",
            r["statusLabel"],
            f"{_when(r['deliveredAt'])} {r['deliveryMethodLabel']}".strip(),
            r["rating"] or "",
        ]
        for i, r in enumerate(requests_, 1)
    ]


@page
def ledger(request: HttpRequest, export: bool = False) -> HttpResponse:
    require_permission(request, PERM)
    year, month = _month(request)
    sites = query(request, "assistance/ledger", site="-", year=year, month=month)["assistanceNetwork"]
    site = request.GET.get("site") or (sites[0]["code"] if sites else "")
    data = query(request, "assistance/ledger", site=site, year=year, month=month)["assistanceLedger"]
    if export and data:
        c = data["counts"]
        return xlsx_response(
            f"{data['siteName']}帮办代办工作台账（{year}年{month}月）",
            LEDGER_COLUMNS,
            _ledger_rows(data["requests"]),
            subtitle=(
                f"受托 {c['taken']} 件，其中上门 {c['atHome']} 件；"
                f"移交 {c['handedOver']} 件，按时 {c['handedOnTime']} 件；送达 {c['delivered']} 件；"
                f"评价 {c['evaluated']} 件，满意 {c['satisfied']} 件；未办结 {c['open']} 件"
            ),
        )
    return render_page(
        request,
        "bff/assistance/ledger.html",
        {
            "title": "帮办代办工作台账",
            "sites": sites,
            "site": site,
            "month": f"{year:04d}-{month:02d}",
            "ledger": data,
            "rows": _ledger_rows(data["requests"]) if data else [],
            "columns": [c for c, _ in LEDGER_COLUMNS],
        },
    )


@page
def ledger_xlsx(request: HttpRequest) -> HttpResponse:
    return ledger(request, export=True)


# --- 群众: follow the request through the QR -----------------------------------------------------


@page(public=True)
def track(request: HttpRequest, token: str) -> HttpResponse:
    found = query(request, "assistance/track", token=token)["assistanceTracking"]
    follow = request.build_absolute_uri(reverse("bff:assistance-track", args=[token]))
    return render(
        request,
        "bff/assistance/track.html",
        {"title": "帮办代办进度", "county": None, "r": found, "qr": qr_svg(follow) if found else ""},
        status=200 if found else 404,
    )
