"""县级管理 — the catalog (事项目录): the county's service items with their 办事指南, materials
(容缺, 免提交), 审查要点 and 答疑手册; where a claimed item drifts from the provincial catalog, and
the one-click 采用省级标准; 一件事 bundles; catalog change requests with their two clocks.

An item's page has one form per part (基本信息, 办事指南, 申请材料, 审查要点, 答疑手册), each a
partial ``saveServiceItem``: the API keeps what a form leaves out, so saving the guide keeps the
materials. The guide is one object in the pack, so its form always sends all its fields. A claimed
item's unified elements (名称、编码、类型、主管部门、实施主体、设定依据) are the province's and are
never on a form; a drift is put right by taking the province's value, field by field."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.entries import EntryPages, FormProblem, date, many, number, pack_version, ref, text
from onewindow.bff.pages import (
    FieldError,
    MutationResult,
    PageError,
    answer,
    mutate,
    page,
    page_args,
    query,
    render_page,
)
from onewindow.bff.templatetags.bff import LABELS, choices


def _common(data: dict[str, Any], title: str) -> dict[str, Any]:
    return {"title": title, "pack_version": pack_version(data)}


# 004 第十条's order: 申请条件及申请材料、示范文本及常见错误示例、收费标准及依据、办理流程及时限、
# 结果名称及样本、咨询方式 (名称、实施主体、设定依据 are unified elements, shown apart).
GUIDE_FIELDS = [
    ("conditions", "conditions", "申请条件"),
    ("sample_text", "sampleText", "示范文本"),
    ("common_errors", "commonErrors", "常见错误示例"),
    ("fees", "fees", "收费标准及依据"),
    ("process", "process", "办理流程"),
    ("result_name", "resultName", "结果名称"),
    ("result_sample", "resultSample", "结果样本"),
    ("consultation", "consultation", "咨询方式"),
]
UNIFIED = [
    ("name", "name", "事项名称"),
    ("item_type", "itemType", "事项类型"),
    ("competent_department", "competentDepartment", "主管部门"),
    ("implementing_body", "implementingBody", "实施主体"),
    ("legal_basis", "legalBasis", "设定依据"),
]
FIELD_LABELS = {snake: label for snake, _, label in UNIFIED} | {"provincial_code": "省级事项编码"}
ONLINE_DEPTH = [(1, "Ⅰ级 网上咨询"), (2, "Ⅱ级 网上预约"), (3, "Ⅲ级 网上受理"), (4, "Ⅳ级 全程网办")]
PARTS = ("basic", "guide", "materials", "points", "faq")  # the item page's forms


# --- 事项目录: the list --------------------------------------------------------------------------------


@page
def items(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:50]
    data = query(request, "catalog/items", search=search or None, **page_args(request))
    drifting: dict[str, int] = {}
    for drift in data["catalogDrift"]:
        drifting[drift["itemCode"]] = drifting.get(drift["itemCode"], 0) + 1
    rows = [edge["node"] for edge in data["serviceItems"]["edges"]]
    for row in rows:
        row["drift_count"] = drifting.get(row["code"], 0)
    return render_page(
        request,
        "bff/catalog/items.html",
        {
            **_common(data, "事项目录"),
            "items": rows,
            "connection": data["serviceItems"],
            "search": search,
            "drift_items": len(drifting),
        },
    )


# --- one item: its page and its forms ------------------------------------------------------------------


def _item(request: HttpRequest, code: str) -> dict[str, Any]:
    data = query(request, "catalog/item", code=code)
    item = data["serviceItem"]
    if item is None:
        raise PageError(404, "NOT_FOUND", f"事项 {code} 不存在或已停用")
    guide = item["guide"] or {}
    item["guide_rows"] = [(camel, label, guide.get(snake, "")) for snake, camel, label in GUIDE_FIELDS]
    item["department_code"] = item["department"]["code"]
    item["kind_value"] = item["kind"].lower()
    item["item_type_value"] = item["itemType"].lower()
    item["shown_materials"] = item["materials"]
    # the repeated rows as the forms name them (``form_rows``)
    item["materials"] = [
        {
            "code": m["code"],
            "name": m["name"],
            "format": m["format"].lower(),
            "copies": m["copies"],
            "source": m["source"].lower(),
            "tolerance": "1" if m["toleranceAllowed"] else "",
            "exempt": m["exempt"] or "",
        }
        for m in item["shown_materials"]
    ]
    item["points"] = [{"text": p} for p in item["reviewPoints"]]
    drifts = [d for d in data["catalogDrift"] if d["itemCode"] == code]
    for drift in drifts:
        drift["label"] = FIELD_LABELS.get(drift["field"], drift["field"])
        drift["takeable"] = drift["field"] != "provincial_code"
        if drift["field"] == "item_type":
            drift["county_shown"] = LABELS["item_type"].get(
                drift["countyValue"].upper(), drift["countyValue"]
            )
            drift["provincial_shown"] = LABELS["item_type"].get(
                drift["provincialValue"].upper(), drift["provincialValue"]
            )
        else:
            drift["county_shown"], drift["provincial_shown"] = drift["countyValue"], drift["provincialValue"]
    unified = [(label, item.get(camel)) for _, camel, label in UNIFIED]
    unified[1] = ("事项类型", LABELS["item_type"].get(item["itemType"], item["itemType"]))
    return {
        **_common(data, f"{item['name']}（{code}）"),
        "item": item,
        "claimed": bool(item["provincialCode"]),
        "unified": unified,
        "drifts": drifts,
        "departments": data["departments"],
        **_options(),
    }


def _options() -> dict[str, Any]:
    return {
        "kinds": choices("item_kind"),
        "item_types": choices("item_type"),
        "formats": choices("format"),
        "sources": choices("source"),
        "exempts": choices("exempt"),
        "depths": ONLINE_DEPTH,
    }


@page
def item(request: HttpRequest, code: str) -> HttpResponse:
    return render_page(request, "bff/catalog/item.html", _item(request, code))


@page
def new_item(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/catalog/new_item.html", _new_item(request))


def _new_item(request: HttpRequest) -> dict[str, Any]:
    data = query(request, "catalog/item_form")
    return {**_common(data, "新建事项"), "departments": data["departments"], **_options()}


def _item_input(post: QueryDict) -> dict[str, Any]:
    """The posted form (one part of the page, or the new-item form) as a partial input."""
    entry: dict[str, Any] = {}
    text(post, entry, "name", "competentDepartment", "implementingBody", "legalBasis", "department", "kind")
    ref(post, entry, "provincialCode", "itemType")
    number(post, entry, "statutoryLimitDays", "promisedLimitDays", "onlineDepth", "visitsRequired")
    if "flags_shown" in post:
        entry["assistanceEligible"] = "assistanceEligible" in post
        entry["selfService"] = "selfService" in post
    if post.get("provincialCode", "").strip():
        for _, camel, _ in UNIFIED:  # a claim takes the province's unified elements, never its own
            entry.pop(camel, None)
    if "guide_shown" in post:
        # the guide is one object: the form sends every field, blank ones as blank
        entry["guide"] = {camel: post.get(camel, "").strip() for _, camel, _ in GUIDE_FIELDS}
    if "materials_shown" in post:
        entry["materials"] = _materials(post)
    if "points_shown" in post:
        entry["reviewPoints"] = [p.strip() for p in post.getlist("point_text") if p.strip()]
    if "faq_shown" in post:
        entry["faq"] = _faq(post)
    return entry


def _materials(post: QueryDict) -> list[dict[str, Any]]:
    """One row per material; a row with neither code nor name is left out (a removed or spare
    row); a row without a code gets the next free ``clN``."""
    rows = list(
        zip(
            post.getlist("material_code"),
            post.getlist("material_name"),
            post.getlist("material_format"),
            post.getlist("material_copies"),
            post.getlist("material_source"),
            post.getlist("material_tolerance"),
            post.getlist("material_exempt"),
            strict=False,
        )
    )
    taken = {row[0].strip() for row in rows if row[0].strip()}
    materials: list[dict[str, Any]] = []
    for code, name, fmt, copies, source, tolerance, exempt in rows:
        code, name = code.strip(), name.strip()
        if not code and not name:
            continue
        path = f"input.materials[{len(materials)}]"
        if not name:
            raise FormProblem(f"{path}.name", f"请填写材料 {code} 的名称", "REQUIRED")
        if not code:
            n = len(materials) + 1
            while f"cl{n}" in taken:
                n += 1
            code = f"cl{n}"
            taken.add(code)
        copies = copies.strip() or "1"
        if not copies.isdecimal() or len(copies) > 2:
            raise FormProblem(f"{path}.copies", "份数请填写 0–99 的整数")
        materials.append(
            {
                "code": code,
                "name": name,
                "format": fmt or "either",
                "copies": int(copies),
                "source": source or "applicant",
                "toleranceAllowed": tolerance == "1",
                "exempt": exempt or None,
            }
        )
    return materials


def _faq(post: QueryDict) -> list[dict[str, str]]:
    entries: list[dict[str, str]] = []
    for q, a in zip(post.getlist("faq_q"), post.getlist("faq_a"), strict=False):
        q, a = q.strip(), a.strip()
        if not q and not a:
            continue
        path = f"input.faq[{len(entries)}]"
        if not q:
            raise FormProblem(f"{path}.q", "请填写问题", "REQUIRED")
        if not a:
            raise FormProblem(f"{path}.a", f"请填写“{q}”的答复", "REQUIRED")
        entries.append({"q": q, "a": a})
    return entries


def _saved(code: str, version: Any, what: str = "") -> str:
    return f"事项 {code}{what} 已保存" + (f"（政策包第 {version} 版）" if version else "（没有变化）")


@page
def save_item(request: HttpRequest) -> HttpResponse:
    """Every form of the item page, and the new-item form, post here; ``part`` says which."""
    if request.method != "POST":
        return redirect("bff:catalog-items")
    code = request.POST.get("code", "").strip()
    part = request.POST.get("part", "")
    new = part == "new"
    try:
        entry = {**_item_input(request.POST), "code": code}
    except FormProblem as problem:
        result = MutationResult({}, [problem.error])
    else:
        if new and not code:
            result = MutationResult({}, [FieldError("code", "REQUIRED", "请填写事项编码")])
        else:
            result = mutate(request, "catalog/save_item", input=entry, create=new)
    if new:
        return answer(
            request,
            result,
            message=_saved(code, result.payload.get("version")),
            url=reverse("bff:catalog-item", args=[code or "-"]),
            template="bff/catalog/new_item.html",
            context=lambda: _new_item(request),
            posted=request.POST,
        )
    return answer(
        request,
        result,
        message=_saved(code, result.payload.get("version")),
        url=reverse("bff:catalog-item", args=[code]) + (f"#{part}" if part in PARTS else ""),
        template="bff/catalog/item.html",
        context=lambda: _item(request, code),
        posted=request.POST,
        failed=part,
        part_errors={part: result.by_field()},
    )


@page
def take_provincial(request: HttpRequest, code: str) -> HttpResponse:
    """采用省级标准: save one drifting field with the province's value. The value is read from the
    API's drift list, not from the form, so a stale or forged page cannot write anything else."""
    if request.method != "POST":
        return redirect("bff:catalog-item", code=code)
    field = request.POST.get("field", "")
    drifts = query(request, "catalog/item", code=code)["catalogDrift"]
    drift = next((d for d in drifts if d["itemCode"] == code and d["field"] == field), None)
    camel = {snake: camel for snake, camel, _ in UNIFIED}.get(field)
    if drift is None or camel is None:
        result = MutationResult(
            {}, [FieldError(None, "NO_DRIFT", f"{FIELD_LABELS.get(field, field)}已与省级目录一致")]
        )
    else:
        result = mutate(request, "catalog/save_item", input={"code": code, camel: drift["provincialValue"]})
    return answer(
        request,
        result,
        message=f"事项 {code} 的{FIELD_LABELS.get(field, field)}已采用省级标准"
        + (f"（政策包第 {result.payload.get('version')} 版）" if result.payload.get("version") else ""),
        url=reverse("bff:catalog-item", args=[code]) + "#drift",
        template="bff/catalog/item.html",
        context=lambda: _item(request, code),
        failed="drift",
        part_errors={"drift": result.by_field()},
    )


@page
def retire_item(request: HttpRequest, code: str) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:catalog-item", code=code)
    result = mutate(request, "catalog/retire_item", code=code)
    return answer(
        request,
        result,
        message=f"事项 {code} 已停用",
        url=reverse("bff:catalog-items"),
        template="bff/catalog/item.html",
        context=lambda: _item(request, code),
        failed="retire",
        retire_errors=result.errors,
    )


# --- 一件事 ------------------------------------------------------------------------------------------


def _bundles(request: HttpRequest) -> dict[str, Any]:
    data = query(request, "catalog/bundles")
    listed = [edge["node"] for edge in data["serviceItems"]["edges"]]
    known = {i["code"] for i in listed}
    for bundle in data["bundles"]:
        bundle["lead_department_code"] = bundle["leadDepartment"]["code"]
        bundle["co_department_codes"] = [d["code"] for d in bundle["coDepartments"]]
        bundle["item_codes"] = [i["code"] for i in bundle["items"]]
        # an item of a bundle beyond the first page of the catalog still gets its box
        listed += [i for i in bundle["items"] if i["code"] not in known]
        known |= set(bundle["item_codes"])
    return {
        **_common(data, "一件事"),
        "bundles": data["bundles"],
        "departments": data["departments"],
        "all_items": listed,
    }


def _bundle_input(post: QueryDict) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    text(post, entry, "name", "leadDepartment")
    ref(post, entry, "nationalCode")
    many(post, entry, "coDepartments", "items")
    number(post, entry, "promisedLimitDays")
    return entry


BUNDLES = EntryPages(
    noun="一件事",
    template="bff/catalog/bundles.html",
    home="bff:catalog-bundles",
    save_op="catalog/save_bundle",
    retire_op="catalog/retire_bundle",
    read=_bundles,
    to_input=_bundle_input,
    rows="bundles",
)
bundles, save_bundle, retire_bundle = BUNDLES.list_view(), BUNDLES.save_view(), BUNDLES.retire_view()


# --- 目录调整 (004 第十二条: 告知 within 3 working days of publication, 调整到位 within 7) ---------------


def _changes(request: HttpRequest) -> dict[str, Any]:
    open_only = request.GET.get("open") == "1"
    data = query(request, "catalog/changes", openOnly=open_only, **page_args(request))
    rows = [edge["node"] for edge in data["catalogChangeRequests"]["edges"]]
    return {
        **_common(data, "目录调整"),
        "changes": rows,
        "connection": data["catalogChangeRequests"],
        "open_only": open_only,
        "departments": data["departments"],
        "all_items": [edge["node"] for edge in data["serviceItems"]["edges"]],
        "overdue": sum(1 for r in rows if r["status"] == "OVERDUE"),
        "limits": data["catalogChangeSettings"],
    }


@page
def changes(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/catalog/changes.html", _changes(request))


@page
def report_change(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:catalog-changes")
    post = request.POST
    variables: dict[str, Any] = {}
    try:
        text(post, variables, "department", "summary")
        ref(post, variables, "item")
        date(post, variables, "rulePublishedOn", "reportedOn")
        if not variables.get("rulePublishedOn"):
            raise FormProblem("rulePublishedOn", "请填写依据的公布日", "REQUIRED")
        if not variables.get("department"):
            raise FormProblem("department", "请选择提出调整的部门", "REQUIRED")
    except FormProblem as problem:
        result = MutationResult({}, [problem.error])
    else:
        result = mutate(request, "catalog/report_change", **variables)
    done = (result.payload.get("request") or {}) if result.ok else {}
    return answer(
        request,
        result,
        message=(
            f"已登记目录调整：应于 {done['applyDue']} 前调整到位"
            if done.get("applyDue")
            else "已登记目录调整（本县未设调整时限，不计时）"
        ),
        url=reverse("bff:catalog-changes"),
        template="bff/catalog/changes.html",
        context=lambda: _changes(request),
        posted=post,
        failed="report",
    )


@page
def mark_applied(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:catalog-changes")
    variables: dict[str, Any] = {"id": request.POST.get("id", "")}
    try:
        date(request.POST, variables, "appliedOn")
    except FormProblem as problem:
        result = MutationResult({}, [problem.error])
    else:
        result = mutate(request, "catalog/mark_applied", **variables)
    return answer(
        request,
        result,
        message="已确认调整到位（办事指南、流程图、审查细则同步修订）",
        url=reverse("bff:catalog-changes"),
        template="bff/catalog/changes.html",
        context=lambda: _changes(request),
        failed_id=variables["id"],
        applied_errors=result.errors,
    )
