"""县级管理 — windows (窗口): list, create, edit, retire, each a new version of the county's pack.

An edit sends what the form shows; the API keeps every field a form leaves out, so renaming a
window never drops its departments or categories (issue 10's partial entry edits)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.pages import answer, mutate, page, query, render_page

KINDS = [
    ("universal", "无差别综合窗口"),
    ("domain", "分领域综合窗口"),
    ("bundle", "一件事一次办窗口"),
    ("issuance", "综合出件窗口"),
    ("fallback", "办不成事反映窗口"),
    ("complaint", "有诉即办窗口"),
    ("value_added", "增值服务窗口"),
    ("assistance", "帮办代办窗口"),
    ("department", "部门专窗"),
]


def _windows(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    data = query(request, "hall/windows")
    labels = dict(KINDS)
    for w in data["windows"]:
        w["kind_label"] = labels.get(w["kind"].lower(), w["kind"])
        w["department_codes"] = [d["code"] for d in w["departments"]]
    return {
        "title": "窗口",
        "windows": data["windows"],
        "zones": data["zones"],
        "departments": data["departments"],
        "kinds": KINDS,
        **extra,
    }


@page
def windows(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/hall/windows.html", _windows(request, editing=request.GET.get("edit")))


@page
def save_window(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:hall-windows")
    post = request.POST
    code = post.get("code", "").strip()
    entry: dict[str, Any] = {"code": code}
    # Only what the form carries: a field the form does not show is kept as it is.
    for field in ("name", "kind", "zone"):
        if field in post:
            entry[field] = post.get(field, "").strip()
    if "departments_shown" in post:
        entry["departments"] = post.getlist("departments")
    if "categories" in post:
        entry["categories"] = [
            c.strip() for c in post.get("categories", "").replace("，", ",").split(",") if c.strip()
        ]
    result = mutate(request, "hall/save_window", input=entry)
    version = result.payload.get("version")
    done = f"窗口 {code} 已保存" + (f"（政策包第 {version} 版）" if version else "（没有变化）")
    return answer(
        request,
        result,
        message=done,
        url=reverse("bff:hall-windows"),
        template="bff/hall/windows.html",
        context=lambda: _windows(request),
        editing=code,
        posted=post,
    )


@page
def retire_window(request: HttpRequest, code: str) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:hall-windows")
    result = mutate(request, "hall/retire_window", code=code)
    return answer(
        request,
        result,
        message=f"窗口 {code} 已停用",
        url=reverse("bff:hall-windows"),
        template="bff/hall/windows.html",
        context=lambda: _windows(request),
        failed_code=code,
    )
