"""领导驾驶舱: the county's week at a glance, for a leader's desk or the wall screen.

One persisted operation (``dashboard/dashboard``) besides the shell. The charts are drawn by
``static/bff/dashboard.js`` from the JSON the page embeds (``json_script``); every chart has
its numbers in a table under it, so the page says everything without JavaScript too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse

from onewindow.bff.pages import page, query, render_page

WEEKS = 12
TOP = 10
SUBJECT_KINDS = {"department": "进驻部门", "window": "窗口单位", "staff": "工作人员"}
PERIOD_STATUS = {"POSTED": "公示中", "FINAL": "已定稿", "OPEN": "考核中"}


@page
def dashboard(request: HttpRequest) -> HttpResponse:
    data = query(request, "dashboard/dashboard", weeks=WEEKS, top=TOP)["dashboard"]
    weeks = data["weeks"]
    this, last = weeks[-1], (weeks[-2] if len(weeks) > 1 else None)
    wall = request.GET.get("wall") == "1"
    return render_page(
        request,
        "bff/dashboard/dashboard.html",
        {
            "title": "领导驾驶舱",
            "base_template": "bff/dashboard/wall.html" if wall else "bff/base.html",
            "wall": wall,
            "today": data["today"],
            "this_week": this,
            "tiles": _tiles(data, this, last),
            "weeks": [_week_row(w) for w in weeks],
            "ages": data["openByAge"],
            "open_fallback": data["openFallback"],
            "open_work_orders": data["openWorkOrders"],
            "ranking": _ranking(data["ranking"]),
            "chart_data": _charts(data),
        },
    )


def _percent(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 1)


def _shown(rate: float | None) -> str:
    value = _percent(rate)
    return "—" if value is None else f"{value:.1f}%"


def _tile(label: str, value: Any, note: str = "", *, unit: str = "件", tone: str = "") -> dict[str, Any]:
    """One KPI tile; tone ``good`` for a rate, ``warn`` when something waits for the leader."""
    return {"label": label, "value": value, "unit": unit, "note": note, "tone": tone}


def _tiles(data: dict[str, Any], this: dict[str, Any], last: dict[str, Any] | None) -> list[dict[str, Any]]:
    # This week is under way: last week's whole figure beside it, not a difference that misleads.
    before = last or {}

    def last_week(key: str, unit: str = " 件") -> str:
        if key not in before:
            return ""
        value = before[key]
        return f"上周 {_shown(value) if unit == '%' else f'{value}{unit}'}"

    overdue_now, fallback, orders = data["overdueNow"], data["openFallback"], data["openWorkOrders"]
    return [
        _tile("本周收件", this["received"], last_week("received")),
        _tile("本周办结", this["decided"], last_week("decided")),
        _tile(
            "本周超期",
            this["overdue"],
            f"当前超期在办 {overdue_now} 件",
            tone="warn" if this["overdue"] or overdue_now else "",
        ),
        _tile("按时办结率", _shown(this["onTimeRate"]), last_week("onTimeRate", "%"), unit="", tone="good"),
        _tile("好评率", _shown(this["goodRate"]), f"本周评价 {this['reviews']} 次", unit="", tone="good"),
        _tile("办不成事（在办）", fallback, "未销号", tone="warn" if fallback else ""),
        _tile("差评工单（在办）", orders, "未归档", tone="warn" if orders else ""),
    ]


def _label(week: dict[str, Any]) -> str:
    start, end = dt.date.fromisoformat(week["startsOn"]), dt.date.fromisoformat(week["endsOn"])
    return f"{start.month}/{start.day}–{end.month}/{end.day}"


def _week_row(week: dict[str, Any]) -> dict[str, Any]:
    return {
        **week,
        "label": _label(week),
        "on_time": _shown(week["onTimeRate"]),
        "good": _shown(week["goodRate"]),
    }


def _ranking(ranking: dict[str, Any] | None) -> dict[str, Any] | None:
    if ranking is None:
        return None
    return {
        **ranking,
        "kind": SUBJECT_KINDS.get(ranking["subjectKind"], ranking["subjectKind"]),
        "status_label": PERIOD_STATUS.get(ranking["status"], ranking["status"]),
    }


def _charts(data: dict[str, Any]) -> dict[str, Any]:
    """What dashboard.js draws: labels and series only, no presentation."""
    weeks = data["weeks"]
    ranking = data["ranking"] or {"rows": []}
    return {
        "weeks": [_label(w) for w in weeks],
        "received": [w["received"] for w in weeks],
        "decided": [w["decided"] for w in weeks],
        "overdue": [w["overdue"] for w in weeks],
        "onTimeRate": [_percent(w["onTimeRate"]) for w in weeks],
        "goodRate": [_percent(w["goodRate"]) for w in weeks],
        "ages": [a["label"] for a in data["openByAge"]],
        "fallback": [a["fallback"] for a in data["openByAge"]],
        "workOrders": [a["workOrders"] for a in data["openByAge"]],
        "ranking": [
            {"name": r["name"], "total": float(r["total"]), "rank": r["rank"]} for r in ranking["rows"]
        ],
    }
