"""中心管理 (centre manager): overdue cases and 挂牌警示, extension approvals, and the ledger of
容缺 materials and 告知承诺 (003 二(二)4) that the clerks follow up."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.pages import answer, mutate, page, page_args, query, render_page


@page
def overdue(request: HttpRequest) -> HttpResponse:
    data = query(request, "manage/overdue", **page_args(request))
    return render_page(
        request,
        "bff/manage/overdue.html",
        {
            "title": "超期与挂牌警示",
            "connection": data["overdue"],
            "cases": [e["node"] for e in data["overdue"]["edges"]],
            "flagged": [e["node"] for e in data["flagged"]["edges"]],
            "flagged_total": data["flagged"]["totalCount"],
        },
    )


def _extensions(request: HttpRequest) -> dict[str, object]:
    data = query(request, "manage/extensions", **page_args(request))
    rows = [
        {"case": e["node"], "extension": x}
        for e in data["cases"]["edges"]
        for x in e["node"]["extensions"]
        if x["status"] == "REQUESTED"
    ]
    return {"title": "延期审批", "rows": rows, "connection": data["cases"]}


@page
def extensions(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/manage/extensions.html", _extensions(request))


@page
def decide_extension(request: HttpRequest, extension_id: str) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:manage-extensions")
    approve = request.POST.get("approve") == "1"
    result = mutate(request, "manage/decide_extension", id=extension_id, approve=approve)
    number = (result.payload.get("case") or {}).get("number", "")
    message = f"已批准 {number} 的延期" if approve else f"未批准 {number} 的延期"
    return answer(
        request,
        result,
        message=message,
        url=reverse("bff:manage-extensions"),
        template="bff/manage/extensions.html",
        context=lambda: _extensions(request),
        failed_id=extension_id,
    )


_COMMITMENT_FILTERS: dict[str, dict[str, object]] = {
    "open": {"state": "OPEN"},
    "overdue": {"overdue": True},
    "fulfilled": {"state": "FULFILLED"},
    "broken": {"state": "BROKEN"},
    "all": {},
}


def _commitments(request: HttpRequest) -> dict[str, object]:
    shown = request.GET.get("show", "open")
    shown = shown if shown in _COMMITMENT_FILTERS else "open"
    data = query(request, "manage/commitments", **_COMMITMENT_FILTERS[shown], **page_args(request))
    return {
        "title": "容缺与告知承诺",
        "connection": data["commitments"],
        "rows": [e["node"] for e in data["commitments"]["edges"]],
        "shown": shown,
        "filters": [
            ("open", "待履行"),
            ("overdue", "已逾期"),
            ("fulfilled", "已履行"),
            ("broken", "未履行"),
            ("all", "全部"),
        ],
    }


@page
def commitments(request: HttpRequest) -> HttpResponse:
    """承诺台账: every 容缺 material and 告知承诺 by its agreed day, the overdue marked."""
    return render_page(request, "bff/manage/commitments.html", _commitments(request))


@page
def commitment_action(request: HttpRequest, commitment_id: str, action: str) -> HttpResponse:
    """材料补齐 (fulfil) or 未履行 (break, with the reason)."""
    shown = request.GET.get("show", "open")
    back = reverse("bff:manage-commitments") + f"?show={shown if shown in _COMMITMENT_FILTERS else 'open'}"
    if request.method != "POST" or action not in ("fulfil", "break"):
        return redirect(back)
    if action == "fulfil":
        note = request.POST.get("note", "").strip() or None
        result = mutate(request, "manage/fulfil_commitment", id=commitment_id, note=note)
        verb = "已登记履行（材料补齐）"
    else:
        reason = request.POST.get("reason", "").strip()
        result = mutate(request, "manage/break_commitment", id=commitment_id, reason=reason)
        verb = "已登记未履行"
    done = result.payload.get("commitment") or {}
    return answer(
        request,
        result,
        message=f"{(done.get('case') or {}).get('number', '')} {done.get('content', '')}：{verb}",
        url=back,
        template="bff/manage/commitments.html",
        context=lambda: _commitments(request),
        failed_id=commitment_id,
        failed_action=action,
    )
