"""The pack, whole (县级管理员): download the county's policy pack as YAML; upload or paste one →
validate → a readable diff (added / changed / retired, field by field) → apply; the version
history with author, time and changes; roll back to a version (a new version, the old content)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.pages import (
    answer,
    form_int,
    mutate,
    page,
    posted_document,
    query,
    query_or_errors,
    render_page,
)

CHANGE_LABELS = {"added": "新增", "changed": "修改", "retired": "停用", "reordered": "调整顺序"}


def _history(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    data = query(request, "pack/current")
    versions = data["policyVersions"]  # newest first: the first row is what is in force
    return {"title": "政策包", "pack": data["policyPack"], "versions": versions, **extra}


@page
def pack(request: HttpRequest) -> HttpResponse:
    context = _history(request)
    if request.GET.get("download"):
        county = getattr(request, "tenant", None)
        response = HttpResponse(context["pack"], content_type="application/yaml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="policy-{getattr(county, "code", "")}.yaml"'
        return response
    return render_page(request, "bff/pack/pack.html", context)


@page
def preview(request: HttpRequest) -> HttpResponse:
    """校验并预览: every problem with its YAML path, or the changes applying would make."""
    if request.method != "POST":
        return redirect("bff:pack")
    document, problem = posted_document(request)
    context = _history(request, document=document)
    if problem or not document.strip():
        context["problems"] = [
            {"field": None, "code": "REQUIRED", "message": problem or "请粘贴或上传政策包"}
        ]
        return render_page(request, "bff/pack/pack.html", context, status=400)
    data, errors = query_or_errors(request, "pack/diff", document=document)
    if errors:
        context["problems"] = errors
        return render_page(request, "bff/pack/pack.html", context, status=400)
    changes = data["policyDiff"]
    for change in changes:
        change["label"] = CHANGE_LABELS.get(change["change"], change["change"])
        before, after = change.get("before") or {}, change.get("after") or {}
        change["rows"] = [
            (
                f,
                before.get(f) if isinstance(before, dict) else None,
                after.get(f) if isinstance(after, dict) else None,
            )
            for f in change["fields"]
        ]
    context["changes"] = changes
    return render_page(request, "bff/pack/pack.html", context)


@page
def apply(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:pack")
    document = request.POST.get("document", "")
    result = mutate(request, "pack/apply", document=document)
    version = (result.payload.get("version") or {}).get("number")
    message = f"已应用，生成第 {version} 版" if version else "政策包没有变化"
    return answer(
        request,
        result,
        message=message,
        url=reverse("bff:pack"),
        template="bff/pack/pack.html",
        context=lambda: _history(request, document=document),
    )


@page
def rollback(request: HttpRequest) -> HttpResponse:
    """回滚: the chosen version's document, applied as a new version."""
    if request.method != "POST":
        return redirect("bff:pack")
    number = form_int(request.POST, "version")
    versions = {v["number"]: v["document"] for v in query(request, "pack/version")["policyVersions"]}
    if number not in versions:
        context = _history(
            request, problems=[{"field": None, "code": "NOT_FOUND", "message": f"没有第 {number} 版"}]
        )
        return render_page(request, "bff/pack/pack.html", context, status=400)
    result = mutate(request, "pack/apply", document=versions[number])
    version = (result.payload.get("version") or {}).get("number")
    message = (
        f"已回滚到第 {number} 版的内容，生成第 {version} 版" if version else f"当前内容已与第 {number} 版相同"
    )
    return answer(
        request,
        result,
        message=message,
        url=reverse("bff:pack"),
        template="bff/pack/pack.html",
        context=lambda: _history(request),
    )
