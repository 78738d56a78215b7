"""县级管理 — 县级设置: the pack's single-object sections, each its own small form.

好差评 (default rating, callback and rectification limits), 办不成事 (tiers: owner and working
days; referral to the discipline commission), 事项目录调整 (the 3 / 7 working-day clocks). Each
save changes only its fields and is a new version of the pack."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.entries import FormProblem, number, pack_version
from onewindow.bff.pages import MutationResult, answer, mutate, page, query, render_page, require_permission

TIERS = (("general", "一般问题"), ("hard", "疑难复杂问题"), ("very_hard", "特别疑难复杂问题"))


def _settings(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    require_permission(request, "county.manage_policy")
    data = query(request, "settings/settings")
    tiers = {t["tier"]: t for t in data["fallbackSettings"]["tiers"]}
    return {
        "title": "县级设置",
        "reviews": data["reviewSettings"],
        "fallback": data["fallbackSettings"],
        "tiers": [{"tier": code, "label": label, **tiers.get(code, {})} for code, label in TIERS],
        "catalog_changes": data["catalogChangeSettings"],
        "cases": data["caseSettings"],
        "pack_version": pack_version(data),
        **extra,
    }


@page
def settings(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/settings/settings.html", _settings(request))


def _reviews(post: QueryDict) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    number(post, entry, "defaultRatingAfterDays", "defaultLevel", "callbackDays", "rectificationDays")
    return entry


def _fallback(post: QueryDict) -> dict[str, Any]:
    tiers = []
    for code, _ in TIERS:
        if f"{code}_owner" not in post:
            continue
        row: dict[str, Any] = {}
        number(post, row, f"{code}_days")
        owner = str(post.get(f"{code}_owner", "")).strip()
        tiers.append({"tier": code, "owner": owner, "days": row.get(f"{code}_days")})
    return {"tiers": tiers, "disciplineReferral": post.get("disciplineReferral") == "1"}


def _catalog_changes(post: QueryDict) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    number(post, entry, "reportWithinDays", "applyWithinDays")
    return entry


def _cases(post: QueryDict) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    number(post, entry, "resultHandoverWithinDays")
    return entry


FORMS: dict[str, tuple[str, str, Callable[[QueryDict], dict[str, Any]]]] = {
    "reviews": ("好差评设置", "settings/save_reviews", _reviews),
    "fallback": ("办不成事设置", "settings/save_fallback", _fallback),
    "catalog-changes": ("目录调整时限", "settings/save_catalog_changes", _catalog_changes),
    "cases": ("办件设置", "settings/save_cases", _cases),
}


@page
def save(request: HttpRequest, section: str) -> HttpResponse:
    if request.method != "POST" or section not in FORMS:
        return redirect("bff:settings")
    noun, operation, read = FORMS[section]
    try:
        result = mutate(request, operation, input=read(request.POST))
    except FormProblem as problem:
        result = MutationResult({}, [problem.error])
    version = result.payload.get("version")
    return answer(
        request,
        result,
        message=f"{noun}已保存" + (f"（政策包第 {version} 版）" if version else "（没有变化）"),
        url=reverse("bff:settings"),
        template="bff/settings/settings.html",
        context=lambda: _settings(request),
        failed=section,
        posted=request.POST,
    )
