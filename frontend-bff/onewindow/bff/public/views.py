"""群众 pages, no login: the receipt link (status, what to fix, one review once decided), the
status lookup by case number and phone tail, and the public 办事指南 (004 第二十一条)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onewindow.bff.pages import PageError, mutate, page, page_args, query

GUIDE_FIELDS = [
    ("conditions", "申请条件"),
    ("process", "办理流程"),
    ("fees", "收费标准及依据"),
    ("result_name", "办理结果"),
    ("result_sample", "结果样本"),
    ("sample_text", "示范文本"),
    ("common_errors", "常见错误示例"),
    ("consultation", "咨询方式"),
]
LEVELS = [(5, "非常满意"), (4, "满意"), (3, "基本满意"), (2, "不满意"), (1, "非常不满意")]
ONLINE_DEPTH = {1: "Ⅰ级 网上咨询", 2: "Ⅱ级 网上预约", 3: "Ⅲ级 网上受理", 4: "Ⅳ级 全程网办"}


@page(public=True)
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the QR code on the receipt."""
    data = query(request, "public/receipt", token=token)
    context = {"title": "办件进度", "county": data["county"], "case": data["publicCase"], "levels": LEVELS}
    status = 200
    case = data["publicCase"] or {}
    if request.method == "POST" and not case.get("canReview"):
        # 一事一评 once decided: the page offers no form before that, and a posted one is refused
        context["errors"] = [
            {
                "code": "TOO_EARLY" if not case.get("reviewed") else "ALREADY_REVIEWED",
                "message": "办结后才能评价" if not case.get("reviewed") else "此办件已评价",
            }
        ]
        return render(request, "bff/public/receipt.html", context, status=400)
    if request.method == "POST":
        level = request.POST.get("level", "")
        result = mutate(
            request,
            "public/review",
            token=token,
            level=int(level) if level.isdecimal() else 0,
            text=request.POST.get("text", "").strip() or None,
        )
        if result.ok:
            context["thanks"] = True
            context["case"] = query(request, "public/receipt", token=token)["publicCase"]
        else:
            context["errors"] = result.errors
            status = 400
    return render(request, "bff/public/receipt.html", context, status=status)


@page(public=True)
def status(request: HttpRequest) -> HttpResponse:
    """进度查询: the case number plus the last four digits of the applicant's phone."""
    number = request.GET.get("number", "").strip()
    tail = request.GET.get("phone_tail", "").strip()
    context: dict[str, object] = {"title": "办件进度查询", "number": number, "phone_tail": tail}
    if number or tail:
        data = query(request, "public/status", number=number, phoneTail=tail)
        context.update({"county": data["county"], "case": data["caseStatus"], "asked": True})
    else:
        context["county"] = query(request, "public/county")["county"]
    return render(request, "bff/public/status.html", context)


@page(public=True)
def guide(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("search", "").strip()
    department = request.GET.get("department", "") or None
    data = query(
        request, "public/guide", search=search or None, department=department, **page_args(request, 30)
    )
    return render(
        request,
        "bff/public/guide.html",
        {
            "title": "办事指南",
            "county": data["county"],
            "departments": data["guideDepartments"],
            "connection": data["guideItems"],
            "items": [e["node"] for e in data["guideItems"]["edges"]],
            "search": search,
            "department": department,
        },
    )


@page(public=True)
def guide_item(request: HttpRequest, code: str) -> HttpResponse:
    data = query(request, "public/guide_item", code=code)
    item = data["guideItem"]
    if item is None:
        raise PageError(404, "NOT_FOUND", "没有这个事项，或它已停止办理")
    guide = item["guide"] or {}
    sections = [(label, guide[key]) for key, label in GUIDE_FIELDS if guide.get(key)]
    return render(
        request,
        "bff/public/guide_item.html",
        {
            "title": item["name"],
            "county": data["county"],
            "item": item,
            "sections": sections,
            "online": ONLINE_DEPTH.get(item["onlineDepth"], ""),
        },
    )
