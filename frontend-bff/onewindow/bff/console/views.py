"""省级运营 — the provincial console: counties, the onboarding wizard with its live progress,
suspend / resume, export; the national calendar years; the provincial catalog and the national
一件事 list. Every page runs on the platform API (``# schema: platform`` operations)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.pages import (
    FieldError,
    MutationResult,
    answer,
    mutate,
    page,
    page_args,
    posted_document,
    query,
    query_one,
    render_page,
)

PRESETS = {
    "wushen": ("乌审旗", "内蒙古自治区", "三级联动、1+1+1+X 服务团队、差异化考核"),
    "wenling": ("温岭市", "浙江省", "无差别综合窗口、办不成事反映、好差评闭环"),
    "tongxu": ("通许县", "河南省", "事项目录动态管理、督查通报"),
}
STATUSES = ("active", "suspended", "provisioning")


# ── counties ──────────────────────────────────────────────────────────────────────────────


@page
def counties(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:50]
    status = request.GET.get("status", "")
    data = query(
        request,
        "console/counties",
        **page_args(request),
        search=search or None,
        status=status.upper() if status in STATUSES else None,
    )
    return render_page(
        request,
        "bff/console/counties.html",
        {
            "title": "县的开通与运行",
            "counties": data["counties"],
            "jobs": [e["node"] for e in data["onboardingJobs"]["edges"]],
            "search": search,
            "status": status,
        },
    )


@page
def set_status(request: HttpRequest, code: str) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff-platform:counties")
    wanted = request.POST.get("status", "")
    result = mutate(
        request,
        "console/set_status",
        code=code,
        status=wanted.upper() if wanted in ("active", "suspended") else "",
    )
    county = result.payload.get("county") or {}
    done = f"{county.get('name', code)} 已{'恢复运行' if wanted == 'active' else '暂停'}"
    return answer(
        request,
        result,
        message=done,
        url=reverse("bff-platform:counties"),
        template="bff/console/counties.html",
        context=lambda: _counties_context(request),
        failed_code=code,
    )


def _counties_context(request: HttpRequest) -> dict[str, Any]:
    data = query(request, "console/counties", first=50)
    return {
        "title": "县的开通与运行",
        "counties": data["counties"],
        "jobs": [e["node"] for e in data["onboardingJobs"]["edges"]],
    }


# ── the onboarding wizard ─────────────────────────────────────────────────────────────────


def _wizard(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    data = query(request, "console/onboard_form")
    presets = [
        {"name": name, "county": c, "province": p, "note": note}
        for name, (c, p, note) in PRESETS.items()
        if name in data["presets"]
    ]
    provinces = sorted(set(data["provinces"]) | {p for _, p, _ in PRESETS.values()})
    templates = data["onboardingTemplates"]
    return {"title": "开通新县", "templates": templates, "presets": presets, "provinces": provinces, **extra}


@page
def onboard(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render_page(
            request, "bff/console/onboard.html", _wizard(request, posted={"source": "preset", "preset": ""})
        )
    post = request.POST
    source = post.get("source", "preset")
    payload: dict[str, Any] = {
        "code": post.get("code", "").strip(),
        "name": post.get("name", "").strip(),
        "province": post.get("province", "").strip(),
        "hosts": [h for h in re.split(r"[\s,，]+", post.get("hosts", "")) if h],
        "admin": post.get("admin", "").strip() or None,
    }
    problem = None
    if source == "pack":
        if "pack" not in request.FILES:
            payload["pack"], problem = "", "请选择政策包文件（YAML）"
        else:
            payload["pack"], problem = posted_document(request, file_field="pack")
    else:
        payload["preset"] = post.get("preset", "")
    if problem:
        result = MutationResult({}, [FieldError("input.pack", "INVALID_FILE", problem)])
    else:
        result = mutate(request, "console/onboard", input=payload)
    job = result.payload.get("job") or {}
    return answer(
        request,
        result,
        message=f"已开始开通 {payload['name']}（{payload['code']}）",
        url=reverse("bff-platform:job", args=[job.get("id", "-")]),
        template="bff/console/onboard.html",
        context=lambda: _wizard(request),
        posted=post,
        pack_errors=[
            {"path": _pack_path(e.field), "code": e.code, "message": e.message}
            for e in result.errors
            if (e.field or "").removeprefix("input.").startswith("pack")
        ],
    )


def _pack_path(field: str | None) -> str:
    """``pack.windows[3].zone`` → ``windows[3].zone``: the path inside the uploaded YAML."""
    return (field or "").removeprefix("input.").removeprefix("pack").lstrip(".")


@page
def job(request: HttpRequest, job_id: str) -> HttpResponse:
    found = query_one(request, "console/job", "onboardingJob", "开通任务", id=job_id)
    context = _job_context(found)
    if request.headers.get("HX-Request"):
        return render_page(request, "bff/console/_job_progress.html", context)
    return render_page(request, "bff/console/job.html", context)


TEMPLATE_LABELS = {"fenlingyu": "分领域综合窗口", "zengzhi": "增值服务窗口", "wuchabie": "无差别综合窗口"}


def _job_context(found: dict[str, Any]) -> dict[str, Any]:
    name = found.get("preset") or ""
    preset = PRESETS.get(name)
    label = f"{preset[0]}（{preset[1]}）" if preset else ""
    if name in TEMPLATE_LABELS:
        label = f"{TEMPLATE_LABELS[name]}模板（与省份无关）"
    return {"title": f"开通 {found['name']}（{found['code']}）", "job": found, "preset_label": label}


@page
def admin_password(request: HttpRequest, job_id: str) -> HttpResponse:
    """The new county's first admin gets a temporary password, shown here once."""
    if request.method != "POST":
        return redirect("bff-platform:job", job_id)
    found = query_one(request, "console/job", "onboardingJob", "开通任务", id=job_id)
    result = mutate(request, "console/admin_password", job=job_id)
    context = _job_context(found)
    if result.ok:
        context["temporary_password"] = result.payload.get("temporaryPassword")
        return render_page(request, "bff/console/job.html", context)
    return render_page(request, "bff/console/job.html", {**context, "errors": result.by_field()}, status=400)


# ── national calendar years ───────────────────────────────────────────────────────────────


def _years(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        "title": "全国放假安排",
        "years": query(request, "console/calendar_years")["nationalCalendarYears"],
        **extra,
    }


@page
def calendar_years(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/console/calendar.html", _years(request))


@page
def calendar_year(request: HttpRequest, year: int) -> HttpResponse:
    found = query(request, "console/calendar_year", year=year)["nationalCalendarYear"]
    holidays = [d for d in found["days"] if d["kind"] == "HOLIDAY"]
    # Consecutive days of one festival read as one line: 国庆节 10月1日–10月7日（7天）
    festivals: list[dict[str, Any]] = []
    for day in holidays:
        date = dt.date.fromisoformat(day["date"])
        last = festivals[-1] if festivals else None
        if last and last["name"] == day["name"] and (date - last["end"]).days == 1:
            last["end"], last["days"] = date, last["days"] + 1
        else:
            festivals.append({"name": day["name"] or "休息", "start": date, "end": date, "days": 1})
    workdays = [dt.date.fromisoformat(d["date"]) for d in found["days"] if d["kind"] == "WORKDAY"]
    return render_page(
        request,
        "bff/console/calendar_year.html",
        {"title": f"{year} 年放假安排", "arrangement": found, "festivals": festivals, "workdays": workdays},
    )


_DAY_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\s*(?:[至到~～]|--?)\s*(\d{4}-\d{2}-\d{2}))?\s*(.*)$")


def _parse_days(text: str, field: str) -> tuple[list[tuple[dt.date, str]], list[FieldError]]:
    """One line a day or a range: ``2027-10-01 至 2027-10-07 国庆节``."""
    days: list[tuple[dt.date, str]] = []
    errors: list[FieldError] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _DAY_LINE.match(line)
        try:
            if match is None:
                raise ValueError
            start = dt.date.fromisoformat(match.group(1))
            end = dt.date.fromisoformat(match.group(2)) if match.group(2) else start
        except ValueError:
            errors.append(
                FieldError(field, "INVALID_DATE", f"第 {number} 行不是“日期 [至 日期] 名称”：{line[:40]}")
            )
            continue
        if end < start or (end - start).days > 31:
            errors.append(FieldError(field, "INVALID_RANGE", f"第 {number} 行的日期范围不对：{line[:40]}"))
            continue
        while start <= end:
            days.append((start, match.group(3).strip()))
            start += dt.timedelta(days=1)
    return days, errors


@page
def load_year(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff-platform:calendar")
    post = request.POST
    holidays, errors = _parse_days(post.get("holidays", ""), "holidays")
    workdays, more = _parse_days(post.get("workdays", ""), "workdays")
    errors += more
    year = int(post["year"]) if post.get("year", "").isdecimal() and len(post["year"]) == 4 else 0
    if not year:
        errors.append(FieldError("year", "INVALID_YEAR", "请填写四位年份"))
    if errors:
        result = MutationResult({}, errors)
    else:
        result = mutate(
            request,
            "console/load_year",
            year=year,
            holidays=[{"date": d.isoformat(), "name": n or "休息"} for d, n in holidays],
            workdays=[d.isoformat() for d, _ in workdays],
            source=post.get("source", "").strip() or None,
        )
    payload = result.payload
    return answer(
        request,
        result,
        message=(
            f"已加载 {year} 年放假安排：放假 {payload.get('holidayCount')} 天，"
            f"调休上班 {payload.get('workdayCount')} 天"
        ),
        url=reverse("bff-platform:calendar-year", args=[year or 2000]),
        template="bff/console/calendar.html",
        context=lambda: _years(request),
        posted=post,
    )


# ── the provincial catalog and the national 一件事 list ───────────────────────────────────


def _catalog(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    search = request.GET.get("q", "").strip()[:50]
    province = request.GET.get("province", "").strip()[:50]
    data = query(
        request,
        "console/catalog",
        **page_args(request),
        province=province or None,
        search=search or None,
    )
    return {
        "title": "省级标准目录",
        "items": data["provincialItems"],
        "provinces": data["provinces"],
        "search": search,
        "province": province,
        **extra,
    }


@page
def catalog(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/console/catalog.html", _catalog(request))


def _load(request: HttpRequest, operation: str) -> MutationResult:
    document, problem = posted_document(request)
    if not problem and not document.strip():
        problem = "请上传文件或粘贴内容"
    if problem:
        return MutationResult({}, [FieldError("document", "INVALID_FILE", problem)])
    return mutate(request, operation, document=document)


@page
def load_catalog(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff-platform:catalog")
    result = _load(request, "console/load_catalog")
    loaded = result.payload.get("loaded") or []
    return answer(
        request,
        result,
        message="已加载：" + "、".join(f"{p['province']} {p['items']} 项" for p in loaded),
        url=reverse("bff-platform:catalog"),
        template="bff/console/catalog.html",
        context=lambda: _catalog(request),
        load_errors=result.errors,
    )


def _bundles(request: HttpRequest) -> dict[str, Any]:
    found = query(request, "console/bundles")["nationalBundles"]
    return {"title": "国家“一件事”清单", "bundles": found}


@page
def bundles(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/console/bundles.html", _bundles(request))


@page
def load_bundles(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff-platform:bundles")
    result = _load(request, "console/load_bundles")
    return answer(
        request,
        result,
        message=f"已加载国家清单 {result.payload.get('items')} 项",
        url=reverse("bff-platform:bundles"),
        template="bff/console/bundles.html",
        context=lambda: _bundles(request),
        load_errors=result.errors,
    )
