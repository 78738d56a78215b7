"""县级管理 — 日历: the county's working calendar a month at a time (Monday first): the national
holidays and 调休 working weekends, the county's own closures (闭厅) and extra working days,
and a form to add or remove one. Every deadline the hall counts follows this calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from onewindow.bff.pages import (
    FieldError,
    MutationResult,
    PageError,
    answer,
    mutate,
    page,
    permissions,
    query,
    render_page,
)
from onewindow.bff.templatetags.bff import choices

WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"]
MANAGE = "county.manage_calendar"  # 县级管理员, 中心负责人


def _month_of(value: str, today: dt.date) -> tuple[int, int]:
    """``?month=2026-02``; anything else is this month."""
    try:
        year, month = (int(part) for part in value.split("-"))
        dt.date(year, month, 1)
    except ValueError:
        return today.year, today.month
    return year, month


def _month(request: HttpRequest, year: int, month: int) -> dict[str, Any]:
    if MANAGE not in permissions(request):
        raise PageError(403, "PERMISSION_DENIED", "只有县级管理员和中心负责人可以调整本县日历")
    data = query(request, "workcalendar/month", year=year, month=month)["calendarMonth"]
    first = dt.date(year, month, 1)
    today = timezone.localdate().isoformat()
    cells: list[dict[str, Any] | None] = [None] * first.weekday()  # Monday first
    for day in data["days"]:
        date = dt.date.fromisoformat(day["date"])
        weekend = date.weekday() >= 5
        if day["overrideKind"] == "closed":
            state = "closed"
        elif day["overrideKind"] == "working":
            state = "extra"
        elif day["national"] == "holiday":
            state = "holiday"
        elif day["national"] == "workday":
            state = "makeup"
        else:
            state = "weekend" if weekend else "workday"
        cells.append({**day, "day": date.day, "state": state, "today": day["date"] == today})
    cells += [None] * (-len(cells) % 7)
    previous = (first - dt.timedelta(days=1)).strftime("%Y-%m")
    following = (first + dt.timedelta(days=32)).strftime("%Y-%m")
    return {
        "title": "日历",
        "year": year,
        "month": month,
        "month_value": first.strftime("%Y-%m"),
        "source": data["source"],
        "weeks": [cells[i : i + 7] for i in range(0, len(cells), 7)],
        "weekdays": WEEKDAYS,
        "previous": previous,
        "following": following,
        "overrides": [c for c in cells if c and c["overrideKind"]],
        "kinds": choices("override"),
        "working_days": sum(1 for c in cells if c and c["workingDay"]),
    }


@page
def month(request: HttpRequest) -> HttpResponse:
    year, month_number = _month_of(request.GET.get("month", ""), timezone.localdate())
    context = _month(request, year, month_number)
    context["picked"] = request.GET.get("date", "")
    return render_page(request, "bff/workcalendar/month.html", context)


def _back(request: HttpRequest, date: str) -> tuple[str, int, int]:
    year, month_number = _month_of(date[:7], timezone.localdate())
    return f"{reverse('bff:calendar')}?month={year:04d}-{month_number:02d}", year, month_number


@page
def set_override(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:calendar")
    post = request.POST
    date, kind, reason = post.get("date", "").strip(), post.get("kind", ""), post.get("reason", "").strip()
    url, year, month_number = _back(request, date)
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        result = MutationResult({}, [FieldError("date", "INVALID_VALUE", "请选择日期")])
    else:
        if not reason:
            result = MutationResult({}, [FieldError("reason", "REQUIRED", "请写明原因（如：停电检修闭厅）")])
        else:
            result = mutate(request, "workcalendar/set_override", date=date, kind=kind.upper(), reason=reason)
    label = "闭厅" if kind == "closed" else "加班办公日"
    return answer(
        request,
        result,
        message=f"{date} 已设为{label}；之后计算的期限按此执行",
        url=url,
        template="bff/workcalendar/month.html",
        context=lambda: _month(request, year, month_number),
        posted=post,
    )


@page
def remove_override(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:calendar")
    date = request.POST.get("date", "").strip()
    url, year, month_number = _back(request, date)
    result = mutate(request, "workcalendar/remove_override", date=date)
    return answer(
        request,
        result,
        message=f"已取消 {date} 的调整",
        url=url,
        template="bff/workcalendar/month.html",
        context=lambda: _month(request, year, month_number),
    )
