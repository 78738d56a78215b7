"""取号叫号 and 预约 pages.

群众 (no login): the kiosk (取号机, touch-sized), the ticket (printable on a 58/80 mm thermal
printer, its QR code opens the same page on a phone), the hall display (大厅显示屏, polled),
the booking page and the signed link to cancel or reschedule. Staff: the window's caller page
(叫号), the 询导 desk (取号 for someone, 过号 returns) and the day's bookings.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from onewindow.bff.pages import PageError, me, mutate, page, query, render_page, require_permission
from onewindow.bff.queueing.qr import qr_svg

CALL = "queue.call"
DESK_ACTIONS = {
    "call": "queueing/call_next",
    "recall": "queueing/recall",
    "serve": "queueing/start_serving",
    "consulted": "queueing/finish_consultation",
    "park": "queueing/park",
    "transfer": "queueing/transfer",
    "pause": "queueing/pause",
    "resume": "queueing/resume",
}
DONE = {
    "call": "已叫号",
    "recall": "已重呼",
    "serve": "开始办理",
    "consulted": "咨询已办结，可请申请人在评价器上评价",
    "park": "已过号",
    "transfer": "已转移",
    "pause": "窗口已暂停叫号",
    "resume": "窗口已恢复叫号",
}


def _errors_text(result: Any) -> str:
    return "；".join(f"{e.message}（{e.code}）" for e in result.errors)


# --- 群众: the kiosk, the ticket, the display ---------------------------------------------------


@page(public=True)
def kiosk(request: HttpRequest) -> HttpResponse:
    """取号机: a big button per open queue; 绿色通道 and the 身份证号 optional; 预约签到."""
    data = query(request, "queueing/kiosk")
    context: dict[str, Any] = {
        "title": "自助取号",
        "county": data["county"],
        "queues": data["queues"],
        "groups": data["priorityGroups"],
        "errors": [],
    }
    if request.method == "POST":
        if request.POST.get("action") == "check_in":
            result = mutate(request, "queueing/check_in", idNumber=request.POST.get("idNumber", "").strip())
            payload_key = "ticket"
        else:
            result = mutate(
                request,
                "queueing/take_ticket",
                queue=request.POST.get("queue", ""),
                source="kiosk",
                priorityGroup=request.POST.get("group") or None,
                idNumber=request.POST.get("idNumber", "").strip() or None,
            )
            payload_key = "ticket"
        if result.ok:
            return redirect(
                reverse("bff:queue-ticket", args=[result.payload[payload_key]["token"]]) + "?print=1"
            )
        context["errors"] = result.errors
        return render(request, "bff/queueing/kiosk.html", context, status=400)
    return render(request, "bff/queueing/kiosk.html", context)


@page(public=True)
def ticket(request: HttpRequest, token: str) -> HttpResponse:
    """号票: number, queue, waiting ahead, time and the QR code to follow it on a phone."""
    data = query(request, "queueing/ticket", token=token)
    follow = request.build_absolute_uri(reverse("bff:queue-ticket", args=[token]))
    return render(
        request,
        "bff/queueing/ticket.html",
        {
            "title": "号票",
            "county": data["county"],
            "ticket": data["publicTicket"],
            "qr": qr_svg(follow),
            "follow": follow,
            "printing": request.GET.get("print") == "1",
            "width": request.GET.get("w", "80"),
        },
    )


@page(public=True)
def display(request: HttpRequest) -> HttpResponse:
    """大厅显示屏: full screen; the board below is polled every two seconds."""
    data = query(request, "queueing/board")
    return render(request, "bff/queueing/display.html", {"title": "叫号显示屏", **_board(data)})


@page(public=True)
def display_feed(request: HttpRequest) -> HttpResponse:
    return render(request, "bff/queueing/_board.html", _board(query(request, "queueing/board")))


def _board(data: dict[str, Any]) -> dict[str, Any]:
    board = data["queueBoard"]
    return {
        "county": data["county"],
        "board": board,
        "latest": board["recent"][0] if board["recent"] else None,
    }


# --- staff: the window's caller page and the 询导 desk ------------------------------------------


@page
def windows(request: HttpRequest) -> HttpResponse:
    """Pick the window to call at (the roster's window first)."""
    require_permission(request, CALL)
    mine = (me(request).get("staffMember") or {}).get("windowCode")
    if mine and not request.GET.get("choose"):
        return redirect("bff:queue-desk", window=mine)
    data = query(request, "queueing/windows")
    return render_page(
        request, "bff/queueing/windows.html", {"title": "窗口叫号", "windows": data["windows"]}
    )


def _desk_context(request: HttpRequest, window: str) -> dict[str, Any]:
    data = query(request, "queueing/desk", window=window)
    return {
        "title": f"窗口叫号 · {data['windowDesk']['windowName']}",
        "desk": data["windowDesk"],
        "queues": [q["queue"] for q in data["queues"]],
        "windows": data["windows"],
    }


@page
def desk(request: HttpRequest, window: str) -> HttpResponse:
    require_permission(request, CALL)
    return render_page(request, "bff/queueing/desk.html", _desk_context(request, window))


@page
@require_POST
def desk_action(request: HttpRequest, window: str, action: str) -> HttpResponse:
    if action not in DESK_ACTIONS:
        raise PageError(404, "NOT_FOUND", "没有这个操作")
    variables: dict[str, Any] = {"window": window}
    if action in {"recall", "serve", "consulted", "park", "transfer"}:
        variables["ticket"] = request.POST.get("ticket", "")
    if action == "transfer":
        variables["toQueue"] = request.POST.get("toQueue") or None
        variables["toWindow"] = request.POST.get("toWindow") or None
    result = mutate(request, DESK_ACTIONS[action], **variables)
    if not result.ok:
        messages.error(request, _errors_text(result))
    elif action == "call" and not result.payload.get("ticket"):
        messages.info(request, "现在没有人等候")
    else:
        ticket = result.payload.get("ticket") or {}
        messages.success(request, f"{ticket.get('number', '')} {DONE[action]}".strip())
    return redirect("bff:queue-desk", window=window)


@page
def guide_desk(request: HttpRequest) -> HttpResponse:
    """询导台: take a ticket for someone (绿色通道 chosen here), the 过号 list to put back."""
    require_permission(request, CALL)
    if request.method == "POST":
        if request.POST.get("action") == "return":
            result = mutate(request, "queueing/return_ticket", ticket=request.POST.get("ticket", ""))
            if result.ok:
                t = result.payload["ticket"]
                messages.success(request, f"{t['number']} 已重新排队，前面还有 {t['waitingAhead']} 人")
        else:
            result = mutate(
                request,
                "queueing/take_ticket",
                queue=request.POST.get("queue", ""),
                source="guide",
                priorityGroup=request.POST.get("group") or None,
                idNumber=request.POST.get("idNumber", "").strip() or None,
                phone=request.POST.get("phone", "").strip() or None,
            )
            if result.ok:
                t = result.payload["ticket"]
                messages.success(request, f"已取号 {t['number']}")
                return redirect(reverse("bff:queue-ticket", args=[t["token"]]) + "?print=1")
        if not result.ok:
            messages.error(request, _errors_text(result))
        return redirect("bff:queue-guide")
    data = query(request, "queueing/guide_desk", status=request.GET.get("status") or None)
    return render_page(
        request,
        "bff/queueing/guide.html",
        {
            "title": "询导台取号",
            "queues": data["queues"],
            "groups": data["priorityGroups"],
            "tickets": [e["node"] for e in data["ticketsToday"]["edges"]],
            "total": data["ticketsToday"]["totalCount"],
            "status": request.GET.get("status", ""),
        },
    )


@page
def appointments(request: HttpRequest) -> HttpResponse:
    """当日预约 for the hall: by slot, with 签到 for one who comes to the desk."""
    require_permission(request, CALL)
    if request.method == "POST":
        result = mutate(request, "queueing/check_in", appointment=request.POST.get("appointment", ""))
        if result.ok:
            messages.success(request, f"已签到，号票 {result.payload['ticket']['number']}")
        else:
            messages.error(request, _errors_text(result))
        return redirect(request.get_full_path())
    day = _date(request.GET.get("day")) or None
    queue = request.GET.get("queue") or None
    data = query(request, "queueing/appointments", day=day.isoformat() if day else None, queue=queue)
    return render_page(
        request,
        "bff/queueing/appointments.html",
        {
            "title": "当日预约",
            "rows": [e["node"] for e in data["appointments"]["edges"]],
            "total": data["appointments"]["totalCount"],
            "queues": [q["queue"] for q in data["queues"] if q["queue"]["takesBookings"]],
            "day": day,
            "queue": queue or "",
        },
    )


# --- 群众: booking and the signed link ------------------------------------------------------------


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return None


@page(public=True)
def book(request: HttpRequest) -> HttpResponse:
    """网上预约: the business, the day, a slot with places left, then name, 身份证号, phone."""
    post = request.POST if request.method == "POST" else request.GET
    queue = post.get("queue", "")
    day = _date(post.get("day"))
    data = query(
        request,
        "queueing/book_form",
        queue=queue or "-",
        day=(day or timezone.localdate()).isoformat(),
        withSlots=bool(queue and day),
    )
    context: dict[str, Any] = {
        "title": "网上预约",
        "county": data["county"],
        "queues": [q["queue"] for q in data["queues"] if q["queue"]["takesBookings"]],
        "days": data["bookableDays"],
        "slots": data.get("appointmentSlots") or [],
        "queue": queue,
        "day": day.isoformat() if day else "",
        "posted": post,
        "errors": {},
    }
    if request.method == "POST":
        result = mutate(
            request,
            "queueing/book",
            queue=queue,
            day=context["day"],
            start=post.get("start", ""),
            name=post.get("name", "").strip(),
            idNumber=post.get("idNumber", "").strip(),
            phone=post.get("phone", "").strip(),
            item=post.get("item", "").strip() or None,
        )
        if result.ok:
            return redirect("bff:appointment", token=result.payload["appointment"]["token"])
        context["errors"] = result.by_field()
        return render(request, "bff/queueing/book.html", context, status=400)
    return render(request, "bff/queueing/book.html", context)


@page(public=True)
def appointment(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link: the booking, cancel it, or move it to another slot."""
    post = request.POST if request.method == "POST" else request.GET
    day = _date(post.get("day"))
    data = query(
        request,
        "queueing/appointment",
        token=token,
        day=(day or timezone.localdate()).isoformat(),
        queue="-",
        withSlots=False,
    )
    booked = data["publicAppointment"]
    if day:
        data = query(
            request,
            "queueing/appointment",
            token=token,
            day=day.isoformat(),
            queue=booked["queue"]["code"],
            withSlots=True,
        )
    context: dict[str, Any] = {
        "title": "我的预约",
        "county": data["county"],
        "a": booked,
        "days": data["bookableDays"],
        "slots": data.get("appointmentSlots") or [],
        "day": day.isoformat() if day else "",
        "errors": [],
        "link": request.build_absolute_uri(),
    }
    if request.method == "POST":
        if post.get("action") == "cancel":
            result = mutate(request, "queueing/cancel_appointment", token=token)
            done = "预约已取消"
        else:
            result = mutate(
                request,
                "queueing/reschedule_appointment",
                token=token,
                day=context["day"],
                start=post.get("start", ""),
            )
            done = "已改约"
        if result.ok:
            messages.success(request, done)
            return redirect("bff:appointment", token=token)
        context["errors"] = result.errors
        return render(request, "bff/queueing/appointment.html", context, status=400)
    return render(request, "bff/queueing/appointment.html", context)


@page
def statistics(request: HttpRequest) -> HttpResponse:
    """叫号统计: waits and service times, abandoned, bookings kept; windows needed per hour."""
    start, end = _date(request.GET.get("start")), _date(request.GET.get("end"))
    data = query(
        request,
        "queueing/statistics",
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
    )["queueStatistics"]
    return render_page(
        request, "bff/queueing/statistics.html", {"title": "叫号统计与窗口配置建议", "s": data}
    )
