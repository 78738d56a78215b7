"""县级管理 — 考核细则 (rule sets): categories with their maxima, rules by kind, bonuses, vetoes,
derived categories; edit, preview on last period's incidents, save as a new version.

The form shows every number of the rule set in force. Preview and save send the whole edited
definition (the API checks it as the pack would, and answers with pack paths such as
``input.categories[0].rules[2].points``, which this page puts back beside their inputs)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.pages import (
    FieldError,
    answer,
    mutate,
    page,
    query,
    query_one,
    query_or_errors,
    render_page,
    require_permission,
)

KINDS = {
    "deduction": "每次扣分",
    "sub_item": "分项扣分",
    "threshold": "超比例扣分",
    "bonus": "加分",
    "veto": "一票否决",
}
SUBJECTS = {"department": "进驻部门", "window": "窗口", "staff": "工作人员"}
PERIODS = {"week": "每周", "month": "每月", "quarter": "每季度", "year": "每年"}
RULE_NUMBERS = ("points", "per", "cap", "ratio")
POLICY = "county.manage_policy"


@page
def rule_sets(request: HttpRequest) -> HttpResponse:
    require_permission(request, POLICY)
    found = query(request, "rulesets/list")["ruleSets"]
    for r in found:
        d = r["definition"]
        r["subject_label"], r["period_label"] = (
            SUBJECTS.get(r["subject"].lower(), ""),
            PERIODS.get(r["period"].lower(), ""),
        )
        r["categories"] = d.get("categories", [])
        r["rule_count"] = sum(len(c.get("rules", [])) for c in r["categories"])
        r["bonus_count"], r["veto_count"] = len(d.get("bonuses", [])), len(d.get("vetoes", []))
    return render_page(request, "bff/rulesets/list.html", {"title": "考核细则", "rule_sets": found})


def _number(raw: str) -> float | None:
    raw = raw.strip().replace("，", ".")
    if not raw:
        return None
    return float(raw)  # ValueError for anything else: reported at the field


def _edited(definition: dict[str, Any], post: Any) -> tuple[dict[str, Any], list[FieldError]]:
    """The definition with the form's values; ``input.<path>`` errors for numbers that are not."""
    problems: list[FieldError] = []

    def read(prefix: str, path: str, name: str, target: dict[str, Any], key: str | None = None) -> None:
        field = f"{prefix}.{name}"
        if field not in post:
            return
        try:
            target[key or name] = _number(post[field])
        except ValueError:
            problems.append(FieldError(f"input.{path}.{key or name}", "INVALID_NUMBER", "请填写数字"))

    def rules(rows: list[dict[str, Any]], path: str) -> list[dict[str, Any]]:
        kept: list[dict[str, Any]] = []
        for rule in rows:
            prefix = f"rule.{rule['code']}"
            if post.get(f"{prefix}.remove"):
                continue
            rule = dict(rule)
            here = f"{path}[{len(kept)}]"
            if f"{prefix}.name" in post:
                rule["name"] = post[f"{prefix}.name"].strip()
            if post.get(f"{prefix}.kind") in KINDS:
                rule["kind"] = post[f"{prefix}.kind"]
            for name in RULE_NUMBERS:
                read(prefix, here, name, rule)
            if rule.get("points") is None:
                rule["points"] = 0
            kept.append(rule)
        return kept

    edited = dict(definition)
    if "name" in post:
        edited["name"] = post["name"].strip()
    read("set", "", "base", edited)
    if "set.posting" in post:  # 公示 at least N working days (乌审旗 附件3 四(二)); empty: none required
        raw = post["set.posting"].strip()
        if not raw:
            edited["posting"] = None
        elif raw.isdigit():
            edited["posting"] = {"min_working_days": int(raw)}
        else:
            problems.append(FieldError("input.posting.minWorkingDays", "INVALID_NUMBER", "请填写工作日数"))
    if post.get("set.missing_input") in ("refuse", "unranked"):
        edited["missing_input"] = post["set.missing_input"]
    categories = []
    for j, category in enumerate(definition.get("categories", [])):
        category = dict(category)
        prefix = f"cat.{category['code']}"
        read(prefix, f"categories[{j}]", "max", category)
        if category.get("derived_from") is not None:
            read(prefix, f"categories[{j}]", "derived_from", category)
        category["rules"] = rules(category.get("rules", []), f"categories[{j}].rules")
        new_code = post.get(f"new.{category['code']}.code", "").strip()
        if new_code:
            rule = {"code": new_code, "name": post.get(f"new.{category['code']}.name", "").strip()}
            rule["kind"] = post.get(f"new.{category['code']}.kind", "deduction")
            try:
                rule["points"] = _number(post.get(f"new.{category['code']}.points", "")) or 0
            except ValueError:
                problems.append(
                    FieldError(f"input.categories[{j}].rules", "INVALID_NUMBER", "新规则的分值须为数字")
                )
            category["rules"].append(rule)
        categories.append(category)
    edited["categories"] = categories
    edited["bonuses"] = rules(definition.get("bonuses", []), "bonuses")
    edited["vetoes"] = rules(definition.get("vetoes", []), "vetoes")
    return edited, problems


def _input(definition: dict[str, Any]) -> dict[str, Any]:
    """The pack entry as the API's input (camelCase keys, as the SDL has them)."""

    def camel(value: Any) -> Any:
        if isinstance(value, dict):
            return {_camel(k): camel(v) for k, v in value.items()}
        if isinstance(value, list):
            return [camel(v) for v in value]
        return value

    return {k: v for k, v in camel(definition).items() if k not in ("subject", "period")}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def _context(
    request: HttpRequest,
    code: str,
    *,
    definition: dict[str, Any] | None = None,
    errors: list[FieldError] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    found = query_one(request, "rulesets/rule_set", "ruleSet", f"考核细则 {code}", code=code)
    shown = definition or found["definition"]
    at: dict[str, list[str]] = {}
    general: list[FieldError] = []
    inputs = _input_names(shown)
    for error in errors or []:
        path = (error.field or "").removeprefix("input").lstrip(".")
        name = inputs.get(path)
        if name:
            at.setdefault(name, []).append(error.message)
        else:
            general.append(error)
    return {
        "title": f"考核细则 · {found['name']}",
        "rule_set": found,
        "definition": shown,
        "kinds": KINDS,
        "subject_label": SUBJECTS.get(found["subject"].lower(), ""),
        "period_label": PERIODS.get(found["period"].lower(), ""),
        "total_max": sum(float(c.get("max") or 0) for c in shown.get("categories", [])),
        "errors_at": at,
        "general_errors": general,
        **extra,
    }


def _input_names(definition: dict[str, Any]) -> dict[str, str]:
    """API path (``categories[0].rules[2].points``) → the form input's name (``rule.R3.points``)."""
    names = {"base": "set.base", "name": "name"}
    for j, category in enumerate(definition.get("categories", [])):
        for field in ("max", "derived_from"):
            names[f"categories[{j}].{field}"] = f"cat.{category['code']}.{field}"
        names[f"categories[{j}].rules"] = f"new.{category['code']}.code"
        for k, rule in enumerate(category.get("rules", [])):
            for field in ("name", "kind", "code", *RULE_NUMBERS):
                names[f"categories[{j}].rules[{k}].{field}"] = f"rule.{rule['code']}.{field}"
    for group in ("bonuses", "vetoes"):
        for k, rule in enumerate(definition.get(group, [])):
            for field in ("name", "kind", "code", *RULE_NUMBERS):
                names[f"{group}[{k}].{field}"] = f"rule.{rule['code']}.{field}"
    # the API names fields in snake case inside the pack's paths, camel case in the input's
    return {**names, **{_camel_path(k): v for k, v in names.items()}}


def _camel_path(path: str) -> str:
    return ".".join(_camel(part) for part in path.split("."))


@page
def rule_set(request: HttpRequest, code: str) -> HttpResponse:
    require_permission(request, POLICY)
    return render_page(request, "bff/rulesets/rule_set.html", _context(request, code))


@page
def edit(request: HttpRequest, code: str) -> HttpResponse:
    """预览 (score last period with the edits) or 保存 (a new version), from the same form."""
    if request.method != "POST":
        return redirect("bff:rule-set", code)
    require_permission(request, POLICY)
    current = query_one(request, "rulesets/rule_set", "ruleSet", f"考核细则 {code}", code=code)
    edited, problems = _edited(current["definition"], request.POST)
    if problems:
        context = _context(request, code, definition=edited, errors=problems)
        return render_page(request, "bff/rulesets/rule_set.html", context, status=400)
    if request.POST.get("action") != "save":
        data, found = query_or_errors(request, "rulesets/preview", input=_input(edited))
        context = _context(
            request, code, definition=edited, errors=found, preview=(data or {}).get("ruleSetPreview")
        )
        return render_page(request, "bff/rulesets/rule_set.html", context, status=400 if found else 200)
    result = mutate(request, "rulesets/save", input=_input(edited))
    version = (result.payload.get("entry") or {}).get("version")
    return answer(
        request,
        result,
        message=f"考核细则已保存为第 {version} 版" if version else "没有变化",
        url=reverse("bff:rule-set", args=[code]),
        template="bff/rulesets/rule_set.html",
        context=lambda: _context(request, code, definition=edited, errors=result.errors),
    )
