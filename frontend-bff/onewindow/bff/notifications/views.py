"""站内信 (every staff member's inbox), 发送失败的通知 (the dead-letter list, for the county
admin and the centre manager) and 通知模板 (preview, SMS length, a test send to oneself)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.pages import answer, mutate, page, page_args, query, render_page

CHANNELS = {
    "console": "控制台",
    "file": "文件网关",
    "inapp": "站内信",
    "aliyun_sms": "阿里云短信",
    "tencent_sms": "腾讯云短信",
    "http_sms": "政务短信平台",
    "wechat": "微信订阅消息",
}


def _inbox(request: HttpRequest) -> dict[str, Any]:
    unread_only = request.GET.get("unread") == "1"
    data = query(request, "notifications/inbox", unreadOnly=unread_only, **page_args(request))
    return {
        "title": "站内信",
        "items": [e["node"] for e in data["myNotifications"]["edges"]],
        "connection": data["myNotifications"],
        "unread": data["myUnreadNotificationCount"] or 0,
        "unread_only": unread_only,
    }


@page
def inbox(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/notifications/inbox.html", _inbox(request))


@page
def mark_read(request: HttpRequest) -> HttpResponse:
    here = reverse("bff:inbox")
    if request.method != "POST":
        return redirect(here)
    ids = request.POST.getlist("id") or None  # none given: 全部标为已读
    result = mutate(request, "notifications/read", ids=ids)
    marked = (result.payload or {}).get("marked") or 0
    return answer(
        request,
        result,
        message=f"已标为已读 {marked} 条",
        url=here,
        template="bff/notifications/inbox.html",
        context=lambda: _inbox(request),
    )


def _dead_letters(request: HttpRequest) -> dict[str, Any]:
    data = query(request, "notifications/dead_letters", **page_args(request))
    rows = [e["node"] for e in data["deadLetters"]["edges"]]
    for row in rows:
        row["channelLabel"] = CHANNELS.get(row["channel"], row["channel"])
    return {"title": "发送失败的通知", "rows": rows, "connection": data["deadLetters"]}


@page
def dead_letters(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/notifications/dead_letters.html", _dead_letters(request))


@page
def retry(request: HttpRequest, notification_id: str) -> HttpResponse:
    here = reverse("bff:dead-letters")
    if request.method != "POST":
        return redirect(here)
    result = mutate(request, "notifications/retry", id=notification_id)
    return answer(
        request,
        result,
        message="已放回发件箱，稍后重发",
        url=here,
        template="bff/notifications/dead_letters.html",
        context=lambda: _dead_letters(request),
    )


def _templates(request: HttpRequest) -> dict[str, Any]:
    templates = query(request, "notifications/templates")["notificationTemplates"]
    code = request.GET.get("code", "")
    if code and any(t["code"] == code for t in templates):
        values = {k[2:]: v for k, v in request.GET.items() if k.startswith("v_")}
        shown = query(request, "notifications/preview", code=code, values=values)[
            "notificationTemplatePreview"
        ]
        templates = [shown if t["code"] == code else t for t in templates]
    return {"title": "通知模板", "templates": templates, "previewed": code}


@page
def templates(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/notifications/templates.html", _templates(request))


@page
def test_send(request: HttpRequest) -> HttpResponse:
    here = reverse("bff:notification-templates")
    if request.method != "POST":
        return redirect(here)
    result = mutate(request, "notifications/test_send", template=request.POST.get("template", ""))
    return answer(
        request,
        result,
        message="已试发到您的站内信",
        url=here,
        template="bff/notifications/templates.html",
        context=lambda: _templates(request),
    )
