"""跨县对标 — the province's league tables and county profiles (platform host), and a county's
own view (its row by name, its peers by rank until the province publishes the period).

Fair by construction, as the API ranks: a county below the metric's minimum sample shows 样本不足
and has no rank; rates are ranked by the lower end of their 95% interval, which the table shows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.exports import xlsx_response
from onewindow.bff.pages import answer, mutate, page, query, render_page

PERIODS = (("week", "周"), ("month", "月"), ("quarter", "季度"), ("year", "年"))
PEERS = (("province", "全省"), ("city", "同一地级市"), ("size", "办件量相近"))
COLUMNS = (
    ("名次", 8),
    ("县", 16),
    ("指标值", 12),
    ("95%区间", 16),
    ("样本", 10),
    ("目标", 10),
    ("达标", 8),
    ("较上期", 14),
    ("规模", 8),
)
UNITS = {"working_days": "个工作日", "days": "天", "minutes": "分钟", "per_100": "（每百件）"}


def _value(value: float | None, metric: dict[str, Any]) -> str:
    if value is None:
        return "—"
    if metric["kind"] == "rate" or metric["unit"] == "percent":
        return f"{value * 100:.1f}%"
    return f"{value:.2f}" + ("" if metric["unit"] == "per_100" else f" {UNITS.get(metric['unit'], '')}")


def _change(change: float | None, metric: dict[str, Any]) -> dict[str, str] | None:
    if change is None or abs(change) < 1e-9:
        return None
    better = (change > 0) == (metric["direction"] == "higher")
    shown = f"{abs(change) * 100:.1f} 个百分点" if metric["kind"] == "rate" else f"{abs(change):.2f}"
    return {"text": ("▲ " if change > 0 else "▼ ") + shown, "css": "good" if better else "bad"}


def _target(target: float | None, metric: dict[str, Any]) -> str:
    if target is None:
        return "—"
    return f"{target:g}%" if metric["kind"] == "rate" else f"{target:g}"


def _interval(row: dict[str, Any]) -> str:
    """A rate's 95% interval, as the table shows it; nothing for the other kinds."""
    if row.get("low") is None or row.get("high") is None:
        return ""
    return f"{row['low'] * 100:.1f}–{row['high'] * 100:.1f}%"


def _scaled(value: float | None, scale: int) -> float | None:
    return None if value is None else round(value * scale, 2)


def _rows(table: dict[str, Any]) -> list[dict[str, Any]]:
    metric = table["metric"]
    shown = []
    for row in table["rows"]:
        shown.append(
            {
                **row,
                "value_text": _value(row["value"], metric),
                "interval": _interval(row),
                "target_text": _target(row["target"], metric),
                "change_view": _change(row["change"], metric),
                "sample": "—" if row["denominator"] is None else f"{row['denominator']:g}",
            }
        )
    return shown


def _chart(table: dict[str, Any]) -> dict[str, Any]:
    """The bars (ranked counties, best first) and the spread, for benchmarks.js."""
    metric = table["metric"]
    scale = 100 if metric["kind"] == "rate" else 1
    ranked = [r for r in table["rows"] if r["rank"] is not None and r["value"] is not None]
    return {
        "metric": metric["name"],
        "unit": "%" if scale == 100 else "",
        "names": [r["county"]["name"] for r in ranked],
        "values": [_scaled(r["value"], scale) for r in ranked],
        "low": [_scaled(r.get("low"), scale) for r in ranked],
        "self": [bool(r["county"]["isSelf"]) for r in ranked],
        "values_all": [_scaled(r["value"], scale) for r in ranked],
    }


def _choices(request: HttpRequest) -> dict[str, Any]:
    period = request.GET.get("period", "month")
    period = period if period in dict(PERIODS) else "month"
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = None
    peer = request.GET.get("peer", "province")
    return {
        "metric": request.GET.get("metric", "on_time_rate")[:64],
        "period": period,
        "day": day,
        "peer": peer if peer in dict(PEERS) else "province",
        "province": request.GET.get("province", "").strip()[:50] or None,
        "around": request.GET.get("around", "").strip()[:6] or None,
    }


def _league_context(request: HttpRequest) -> dict[str, Any]:
    chosen = _choices(request)
    peer = chosen["peer"] if chosen["around"] else "province"
    data = query(
        request,
        "benchmarks/league",
        metric=chosen["metric"],
        period=chosen["period"].upper(),
        day=chosen["day"].isoformat() if chosen["day"] else None,
        province=chosen["province"],
        peer=peer.upper(),
        around=chosen["around"],
    )
    table = data["leagueTable"]
    return {
        "title": "跨县对标",
        "table": table,
        "rows": _rows(table),
        "chart": _chart(table),
        "metrics": data["benchmarkMetrics"],
        "provinces": data["benchmarkProvinces"],
        "counties": [e["node"] for e in data["counties"]["edges"]],
        "periods": PERIODS,
        "peers": PEERS,
        "chosen": chosen,
        "spread_text": [_value(v, table["metric"]) for v in (table["q1"], table["median"], table["q3"])],
    }


@page
def league(request: HttpRequest) -> HttpResponse:
    context = _league_context(request)
    if request.GET.get("format") == "xlsx":
        table = context["table"]
        return xlsx_response(
            f"跨县对标 · {table['metric']['name']} · {table['label']}",
            COLUMNS,
            [
                [
                    r["rank"] or "样本不足",
                    r["county"]["name"],
                    r["value_text"],
                    r["interval"],
                    r["sample"],
                    r["target_text"],
                    {True: "是", False: "否"}.get(r["targetMet"], "—"),
                    (r["change_view"] or {}).get("text", "—"),
                    r["sizeBand"],
                ]
                for r in context["rows"]
            ],
            subtitle=" · ".join(
                (
                    table["peerLabel"],
                    f"{table['startsOn']} 至 {table['endsOn']}",
                    table["metric"]["definition"],
                )
            ),
        )
    return render_page(request, "bff/benchmarks/league.html", context)


@page
def publish(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff-platform:benchmarks")
    period = request.POST.get("period", "")
    published = request.POST.get("published") == "1"
    result = mutate(
        request,
        "benchmarks/publish",
        period=period.upper() if period in dict(PERIODS) else "",
        day=request.POST.get("day") or None,
        published=published,
    )
    back = request.POST.get("back", "")
    return answer(
        request,
        result,
        message="已公布本期各县名称" if published else "已撤回：各县只看到名次",
        url=back if back.startswith("/benchmarks/") else reverse("bff-platform:benchmarks"),
        template="bff/benchmarks/league.html",
        context=lambda: _league_context(request),
    )


@page
def rollup(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff-platform:benchmarks")
    result = mutate(request, "benchmarks/rollup", full=request.POST.get("full") == "1")
    return answer(
        request,
        result,
        message=f"已为 {result.payload.get('queued')} 个县排队汇总，几分钟后刷新本页",
        url=reverse("bff-platform:benchmarks"),
        template="bff/benchmarks/league.html",
        context=lambda: _league_context(request),
    )


def _profile_lines(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    shown = []
    for line in lines:
        metric, row = line["metric"], line["row"] or {}
        shown.append(
            {
                "metric": metric,
                "value_text": _value(row.get("value"), metric),
                "interval": _interval(row),
                "rank": row.get("rank"),
                "eligible": row.get("eligible"),
                "ranked": line["ranked"],
                "median_text": _value(line["median"], metric),
                "quartiles_text": f"{_value(line['q1'], metric)} – {_value(line['q3'], metric)}"
                if line["q1"] is not None
                else "—",
                "target_text": _target(row.get("target"), metric),
                "target_met": row.get("targetMet"),
                "change_view": _change(row.get("change"), metric),
                "sample": f"{row.get('denominator') or 0:g}",
            }
        )
    return shown


@page
def profile(request: HttpRequest, code: str) -> HttpResponse:
    chosen = _choices(request)
    data = query(
        request,
        "benchmarks/profile",
        code=code,
        period=chosen["period"].upper(),
        day=chosen["day"].isoformat() if chosen["day"] else None,
        metric=chosen["metric"],
    )
    county = data["county"]
    lines = _profile_lines(data["countyProfile"])
    metric = next(
        (line["metric"] for line in lines if line["metric"]["code"] == chosen["metric"]), lines[0]["metric"]
    )
    scale = 100 if metric["kind"] == "rate" else 1
    trend = {
        "metric": metric["name"],
        "county": county["name"],
        "unit": "%" if scale == 100 else "",
        "labels": [p["label"] for p in data["metricTrend"]],
        "values": [
            round(p["value"] * scale, 2) if p["value"] is not None else None for p in data["metricTrend"]
        ],
        "median": [
            round(p["median"] * scale, 2) if p["median"] is not None else None for p in data["metricTrend"]
        ],
    }
    trend["rows"] = list(zip(trend["labels"], trend["values"], trend["median"], strict=True))
    return render_page(
        request,
        "bff/benchmarks/profile.html",
        {
            "title": f"对标 · {county['name']}",
            "subject": county,  # not "county": the shell's header names the county the page is in
            "lines": lines,
            "trend": trend,
            "trend_metric": metric,
            "periods": PERIODS,
            "chosen": chosen,
        },
    )


@page
def mine(request: HttpRequest) -> HttpResponse:
    """本县对标 (county host): the county's profile and one metric's table, peers anonymised."""
    chosen = _choices(request)
    data = query(
        request,
        "benchmarks/mine",
        metric=chosen["metric"],
        period=chosen["period"].upper(),
        day=chosen["day"].isoformat() if chosen["day"] else None,
    )
    table = data["myBenchmark"]
    return render_page(
        request,
        "bff/benchmarks/mine.html",
        {
            "title": "本县对标",
            "table": table,
            "rows": _rows(table),
            "chart": _chart(table),
            "lines": _profile_lines(data["myBenchmarkProfile"]),
            "metrics": data["benchmarkMetrics"],
            "periods": PERIODS,
            "chosen": chosen,
            "spread_text": [_value(v, table["metric"]) for v in (table["q1"], table["median"], table["q3"])],
        },
    )
