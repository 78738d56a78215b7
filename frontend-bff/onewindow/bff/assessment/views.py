"""考核 (assessment officers: scoring.manage — centre manager, supervisor).

考核周期: the periods of a rule set — open one, close it (scored and ranked; posted for N
working days, or final at once), finalise once the posting is over and every objection is
decided. A period's page: the ranking table, each score a link to the incidents behind it,
the objections filed while posted (upheld, withdrawing incidents, or rejected with a reason),
the 通报 as Excel. 扣分记录: a period's incidents, filtered, and the form that records one with
its evidence files (sent to the API as base64; it stores them in the county's folder).
Every page asks ``assessmentRuleSets``, which only assessment officers may read: anyone else
gets the 403 page from the API's own answer.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any
from urllib.parse import quote, urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from onewindow.bff.exports import xlsx_response
from onewindow.bff.pages import (
    FieldError,
    MutationResult,
    PageError,
    answer,
    form_int,
    mutate,
    page,
    page_args,
    query,
    render_page,
)

# What a browser may send beyond the API's limits before we stop reading (the API says why).
_UPLOAD_READ_LIMIT = 6 * 1024 * 1024


def _rule_set(rule_sets: list[dict[str, Any]], code: str | None) -> dict[str, Any]:
    if not rule_sets:
        raise PageError(404, "NOT_FOUND", "本县还没有考核细则，请先在政策包中配置")
    return next((r for r in rule_sets if r["code"] == code), rule_sets[0])


def _names(rule_set: dict[str, Any]) -> dict[str, str]:
    return {s["code"]: s["name"] for s in rule_set.get("subjects", [])}


def _rule_names(definition: dict[str, Any]) -> dict[str, str]:
    """Every recordable code → its name (rules; a measured category by its own code)."""
    names = {}
    for c in definition.get("categories", []):
        if c.get("derivedFrom"):
            names[c["code"]] = f"{c['name']}（测量值）"
        for r in c.get("rules", []):
            names[r["code"]] = r["name"]
    for r in definition.get("bonuses", []) + definition.get("vetoes", []):
        names[r["code"]] = r["name"]
    return names


# --- 考核周期 ------------------------------------------------------------------------------


def _periods(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    code = request.GET.get("ruleSet") or request.POST.get("ruleSet") or ""
    first = query(request, "assessment/periods", ruleSet=code or "-", **page_args(request, 20))
    rule_set = _rule_set(first["assessmentRuleSets"], code)
    data = (
        first
        if rule_set["code"] == code
        else query(request, "assessment/periods", ruleSet=rule_set["code"], **page_args(request, 20))
    )
    periods = [e["node"] for e in data["assessmentPeriods"]["edges"]]
    for p in periods:
        p["pending"] = sum(1 for o in p["objections"] if not o["decidedAt"])
    return {
        "title": "考核周期",
        "rule_sets": data["assessmentRuleSets"],
        "rule_set": rule_set,
        "periods": periods,
        "connection": data["assessmentPeriods"],
        "today": timezone.localdate().isoformat(),
        **extra,
    }


@page
def periods(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/assessment/periods.html", _periods(request))


@page
def open_period(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:assessment")
    code = request.POST.get("ruleSet", "")
    result = mutate(request, "assessment/open", ruleSet=code, day=request.POST.get("day") or "")
    opened = result.payload.get("result") or {}
    return answer(
        request,
        result,
        message=f"已开启考核期 {opened.get('startsOn', '')} 至 {opened.get('endsOn', '')}",
        url=reverse("bff:assessment-period", args=[opened["id"]]) if opened else "",
        template="bff/assessment/periods.html",
        context=lambda: _periods(request),
        posted=request.POST,
    )


# --- one period: ranking, objections, 通报 ------------------------------------------------


def _period_data(request: HttpRequest, period_id: str) -> dict[str, Any]:
    data = query(request, "assessment/period", id=period_id)
    period = data["assessmentPeriod"]
    if period is None:
        raise PageError(404, "NOT_FOUND", "该考核期不存在")
    rule_set = _rule_set(data["assessmentRuleSets"], period["ruleSetCode"])
    return {"period": period, "rule_set": rule_set, "ranking": data["ranking"], "names": _names(rule_set)}


def _period(request: HttpRequest, period_id: str, **extra: Any) -> dict[str, Any]:
    found = _period_data(request, period_id)
    period, names = found["period"], found["names"]
    columns = [(c["code"], c["name"], c["max"]) for c in period["categories"]]
    category_names = {c["code"]: c["name"] for c in period["categories"]}
    rows = [
        {
            **r,
            "name": names.get(r["subject"], r["subject"]),
            "scores": [(code, r["categories"].get(code, "0")) for code, _, _ in columns],
            "missing_names": [category_names.get(c, c) for c in r.get("missing") or []],
        }
        for r in found["ranking"]
    ]
    # before closing: who still lacks a measured category (人员管理 with no staff assessment)
    incomplete = [
        {
            "subject": i["subject"],
            "name": names.get(i["subject"], i["subject"]),
            "categories": [category_names.get(c, c) for c in i["categories"]],
        }
        for i in period["incomplete"]
    ]
    pending = [o for o in period["objections"] if not o["decidedAt"]]
    # an upheld objection may withdraw the incidents behind the subject's points
    behind: dict[str, list[dict[str, Any]]] = {}
    for subject in {o["subject"] for o in pending}:
        got = query(request, "assessment/incidents", period=period_id, subject=subject, first=100)
        behind[subject] = [e["node"] for e in got["incidents"]["edges"] if not e["node"]["withdrawnAt"]]
    for o in period["objections"]:
        o["name"] = names.get(o["subject"], o["subject"])
        o["incidents"] = behind.get(o["subject"], [])
    return {
        "title": f"{period['ruleSetName']} {period['startsOn']} 至 {period['endsOn']}",
        "period": period,
        "rule_set": found["rule_set"],
        "columns": columns,
        "rows": rows,
        "incomplete": incomplete,
        "objections": period["objections"],
        "pending": len(pending),
        "rule_names": _rule_names(period),
        "subjects": found["rule_set"]["subjects"],
        "today": timezone.localdate().isoformat(),
        **extra,
    }


@page
def period_detail(request: HttpRequest, period_id: str) -> HttpResponse:
    return render_page(request, "bff/assessment/period.html", _period(request, period_id))


@page
def period_action(request: HttpRequest, period_id: str, action: str) -> HttpResponse:
    here = reverse("bff:assessment-period", args=[period_id])
    if request.method != "POST":
        return redirect(here)
    post = request.POST
    if action == "close":
        final = post.get("mode") == "final"
        if not final and not post.get("postDays", "").strip():
            result = MutationResult(
                {}, [FieldError("postDays", "REQUIRED", "请填写公示天数，或选择“不公示，直接定稿”")]
            )
        else:
            result = mutate(
                request,
                "assessment/close",
                period=period_id,
                postDays=None if final else form_int(post, "postDays"),
                early=post.get("early") == "1",
            )
        until = (result.payload.get("result") or {}).get("postedUntil")
        message = f"已结算并公示，公示至 {until}" if until else "已结算并定稿"
    elif action == "finalize":
        result = mutate(request, "assessment/finalize", period=period_id)
        message = "已定稿"
    elif action == "object":
        result = mutate(
            request,
            "assessment/object",
            period=period_id,
            subject=post.get("subject", ""),
            text=post.get("text", "").strip(),
        )
        message = "已登记异议，请核实后处理"
    elif action == "decide":
        upheld = post.get("upheld") == "1"
        result = mutate(
            request,
            "assessment/decide",
            objection=post.get("objection", ""),
            upheld=upheld,
            decision=post.get("decision", "").strip(),
            withdraw=post.getlist("withdraw") if upheld else [],
        )
        message = "异议成立，已撤销所选记录并重算排名" if upheld else "异议不成立，已答复"
    else:
        return redirect(here)
    return answer(
        request,
        result,
        message=message,
        url=here,
        template="bff/assessment/period.html",
        context=lambda: _period(request, period_id),
        failed_action=action,
        failed_objection=post.get("objection", ""),
        posted=post,
    )


_STATUS = {"OPEN": "考核中", "POSTED": "公示中", "FINAL": "已定稿"}


@page
def period_xlsx(request: HttpRequest, period_id: str) -> HttpResponse:
    """The ranking as a 通报 to print: title (county, rule set, period), date, A4 landscape."""
    found = _period_data(request, period_id)
    period, names = found["period"], found["names"]
    if period["status"] == "OPEN":
        raise PageError(404, "NOT_FOUND", "该考核期尚未结算，没有排名")
    categories = period["categories"]
    columns = [("名次", 6), ("考核对象", 24)]
    columns += [(f"{c['name']}（{c['max']:g}分）", max(10, min(18, len(c["name"]) + 4))) for c in categories]
    if period["bonuses"]:
        columns.append(("加分", 8))
    columns.append(("总分", 9))
    if period["vetoes"]:
        columns.append(("一票否决", 9))
    rows = []
    for r in found["ranking"]:
        row: list[Any] = [r["rank"] or "未排名", names.get(r["subject"], r["subject"])]
        row += [float(r["categories"].get(c["code"], 0)) for c in categories]
        if period["bonuses"]:
            row.append(float(r["bonus"]))
        row.append(float(r["total"]))
        if period["vetoes"]:
            row.append("是" if r["vetoed"] else "")
        rows.append(row)
    title = period["title"] if period["title"].endswith("通报") else f"{period['title']}通报"
    status = _STATUS.get(period["status"], "")
    if period["status"] == "POSTED" and period["postedUntil"]:
        status += f"（公示至 {_cn_date(period['postedUntil'])}）"
    subtitle = (
        f"考核期：{_cn_date(period['startsOn'])}至{_cn_date(period['endsOn'])}　"
        f"细则版本 v{period['version']}　状态：{status}　"
        f"通报日期：{_cn_date(timezone.localdate().isoformat())}"
    )
    return xlsx_response(title, columns, rows, subtitle=subtitle, numbers="0.00")


def _cn_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso[:10])
    return f"{day.year}年{day.month}月{day.day}日"


# --- 扣分记录 ------------------------------------------------------------------------------


def _incidents(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    source = request.POST if request.method == "POST" else request.GET
    code = source.get("ruleSet") or ""
    data = query(request, "assessment/period_list", ruleSet=code or "-")
    rule_set = _rule_set(data["assessmentRuleSets"], code)
    if rule_set["code"] != code:
        data = query(request, "assessment/period_list", ruleSet=rule_set["code"])
    periods = [e["node"] for e in data["assessmentPeriods"]["edges"]]
    period = next((p for p in periods if p["id"] == source.get("period")), periods[0] if periods else None)
    subject = source.get("subject") or None
    category = source.get("category") or None
    incidents: list[dict[str, Any]] = []
    connection: dict[str, Any] = {}
    if period is not None:
        got = query(
            request,
            "assessment/incidents",
            period=period["id"],
            subject=subject,
            category=category,
            **page_args(request),
        )
        connection = got["incidents"]
        incidents = [e["node"] for e in connection["edges"]]
    names, rule_names = _names(rule_set), _rule_names(rule_set)
    for i in incidents:
        i["name"] = names.get(i["subject"], i["subject"])
        i["ruleName"] = rule_names.get(i["rule"], i["rule"])
    filters = {
        "ruleSet": rule_set["code"],
        "period": period["id"] if period else "",
        "subject": subject or "",
    }
    return {
        "title": "扣分记录",
        "rule_sets": data["assessmentRuleSets"],
        "rule_set": rule_set,
        "periods": periods,
        "period": period,
        "subject": subject,
        "category": category,
        "incidents": incidents,
        "connection": connection,
        "here": f"{reverse('bff:assessment-incidents')}?{urlencode(filters)}",
        "today": timezone.localdate().isoformat(),
        **extra,
    }


@page
def incidents(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/assessment/incidents.html", _incidents(request))


@page
def record_incident(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:assessment-incidents")
    post = request.POST
    files = [
        {"name": f.name, "content": base64.b64encode(f.read(_UPLOAD_READ_LIMIT)).decode("ascii")}
        for f in request.FILES.getlist("files")
        if f.name
    ]
    result = mutate(
        request,
        "assessment/record",
        ruleSet=post.get("ruleSet", ""),
        rule=post.get("rule", ""),
        subject=post.get("subject", ""),
        occurredOn=post.get("occurredOn") or "",
        count=_number(post.get("count")),
        base=_number(post.get("base")),
        note=post.get("note", "").strip() or None,
        files=files or None,
    )
    back = {k: post.get(k, "") for k in ("ruleSet", "period")}
    return answer(
        request,
        result,
        message=f"已记录（附件 {len(files)} 个）" if files else "已记录",
        url=f"{reverse('bff:assessment-incidents')}?{urlencode(back)}",
        template="bff/assessment/incidents.html",
        context=lambda: _incidents(request),
        posted=post,
        open_record=True,
    )


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value and value.strip() else None
    except ValueError:
        return -1.0  # the API says the value is not valid, beside the field


@page
def evidence(request: HttpRequest, incident_id: str, index: int) -> HttpResponse:
    """An evidence file, for the county's assessment officers (the API checks who asks)."""
    found = query(request, "assessment/evidence", incident=incident_id, index=index)["incidentEvidence"]
    if found is None:
        raise PageError(404, "NOT_FOUND", "证据附件不存在")
    response = HttpResponse(base64.b64decode(found["content"]), content_type=found["contentType"])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(found['name'])}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
