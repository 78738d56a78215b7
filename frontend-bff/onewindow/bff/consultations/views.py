"""首问负责 (002 五(一); 004 第十五条): record who was asked first — at the 询导台, a window or on
the phone — see who answers for each consultation now and the chain of hand-ons, hand one on
with a reason, answer it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.pages import PageError, answer, form_int, mutate, page, page_args, query, render_page

CHANNELS = [("guide_desk", "询导台"), ("window", "窗口"), ("phone", "电话")]
STATUSES = [("OPEN", "处理中"), ("ANSWERED", "已答复")]


def _list(request: HttpRequest) -> dict[str, Any]:
    status = request.GET.get("status") or None
    data = query(
        request,
        "consultations/list",
        status=status if status in dict(STATUSES) else None,
        **page_args(request),
    )
    rows = [e["node"] for e in data["consultations"]["edges"]]
    for row in rows:
        row["channelLabel"] = dict(CHANNELS).get(row["channel"].lower(), row["channel"])
        row["statusLabel"] = dict(STATUSES).get(row["status"], row["status"])
    return {
        "title": "首问负责",
        "consultations": rows,
        "connection": data["consultations"],
        "staff": data["staff"],
        "windows": data["windows"],
        "channels": CHANNELS,
        "statuses": STATUSES,
        "status": status,
        # from the window desk's 首问登记 link: the ticket being served at that window
        "prefill": {k: request.GET.get(k, "") for k in ("channel", "window", "visitRef")},
    }


@page
def consultation_list(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/consultations/list.html", _list(request))


@page
def record(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:consultations")
    post = request.POST
    result = mutate(
        request,
        "consultations/record",
        topic=post.get("topic", "").strip(),
        channel=post.get("channel", ""),
        staff=post.get("staff") or None,
        window=post.get("window") or None,
        visitRef=post.get("visitRef", "").strip() or None,
        applicantName=post.get("applicantName", "").strip() or None,
    )
    number = (result.payload.get("consultation") or {}).get("number", "")
    return answer(
        request,
        result,
        message=f"已登记首问 {number}",
        url=reverse("bff:consultation", args=[number or "-"]),
        template="bff/consultations/list.html",
        context=lambda: _list(request),
        posted=post,
    )


def _detail(request: HttpRequest, number: str) -> dict[str, Any]:
    data = query(request, "consultations/consultation", number=number)
    consultation = data["consultation"]
    if consultation is None:
        raise PageError(404, "NOT_FOUND", f"咨询 {number} 不存在")
    consultation["channelLabel"] = dict(CHANNELS).get(
        consultation["channel"].lower(), consultation["channel"]
    )
    return {"title": f"咨询 {number}", "c": consultation, "staff": data["staff"]}


@page
def detail(request: HttpRequest, number: str) -> HttpResponse:
    return render_page(request, "bff/consultations/consultation.html", _detail(request, number))


@page
def action(request: HttpRequest, number: str, action: str) -> HttpResponse:
    here = reverse("bff:consultation", args=[number])
    if request.method != "POST":
        return redirect(here)
    post = request.POST
    version = form_int(post, "version")
    if action == "hand-on":
        result = mutate(
            request,
            "consultations/hand_on",
            number=number,
            version=version,
            to=post.get("to", ""),
            reason=post.get("reason", "").strip(),
        )
        message = "已移交"
    elif action == "answer":
        result = mutate(
            request,
            "consultations/answer",
            number=number,
            version=version,
            answer=post.get("answer", "").strip(),
        )
        message = "已答复"
    else:
        return redirect(here)
    return answer(
        request,
        result,
        message=message,
        url=here,
        template="bff/consultations/consultation.html",
        context=lambda: _detail(request, number),
        failed_action=action,
    )
