"""后台审批 (approver): the department's inbox by due date, pause / resume, extension, decide."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.exports import all_pages, xlsx_response
from onewindow.bff.pages import answer, form_int, me, mutate, page, page_args, query, query_one, render_page
from onewindow.bff.templatetags.bff import choices

PAUSE_KINDS = choices("pause")


def _department(request: HttpRequest) -> str | None:
    """The approver's own department (roster); others may choose one."""
    member = me(request).get("staffMember") or {}
    own = (member.get("department") or {}).get("code")
    return request.GET.get("department") or own or None


@page
def inbox(request: HttpRequest) -> HttpResponse:
    department = _department(request)
    if request.GET.get("export") == "xlsx":
        rows = all_pages(
            lambda after: query(request, "approvals/inbox", department=department, first=100, after=after),
            "cases",
        )
        rows.sort(key=lambda c: c["dueOn"] or "9999")
        return xlsx_response(
            "待审批办件",
            [
                ("办件编号", 22),
                ("事项", 30),
                ("申请人", 24),
                ("受理日期", 12),
                ("承诺办结", 12),
                ("状态", 10),
            ],
            (
                (
                    c["number"],
                    c["itemName"],
                    c["applicant"]["name"],
                    c["acceptedOn"],
                    c["dueOn"],
                    "超期" if c["overdue"] else "暂停" if c["paused"] else "计时中",
                )
                for c in rows
            ),
        )
    data = query(request, "approvals/inbox", department=department, **page_args(request))
    cases = [edge["node"] for edge in data["cases"]["edges"]]
    cases.sort(key=lambda c: c["dueOn"] or "9999")  # the most urgent first, within the page
    return render_page(
        request,
        "bff/approvals/inbox.html",
        {
            "title": "后台审批",
            "cases": cases,
            "connection": data["cases"],
            "departments": data["departments"],
            "department": department,
        },
    )


def _case(request: HttpRequest, number: str) -> dict[str, Any]:
    case = query_one(request, "approvals/case", "case", f"办件 {number}", number=number)
    return {"title": f"审批 {number}", "case": case, "pause_kinds": PAUSE_KINDS}


@page
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    return render_page(request, "bff/approvals/case.html", _case(request, number))


@page
def case_action(request: HttpRequest, number: str, action: str) -> HttpResponse:
    here = reverse("bff:approvals-case", kwargs={"number": number})
    if request.method != "POST":
        return redirect(here)
    post = request.POST
    version = form_int(post, "version")
    if action == "pause":
        result = mutate(
            request,
            "approvals/pause",
            number=number,
            version=version,
            kind=post.get("kind", ""),
            reason=post.get("reason", "").strip() or None,
        )
        message = "已暂停计时"
    elif action == "resume":
        result = mutate(request, "approvals/resume", number=number, version=version)
        message = "已恢复计时"
    elif action == "extend":
        result = mutate(
            request,
            "approvals/extend",
            number=number,
            version=version,
            days=form_int(post, "days"),
            reason=post.get("reason", "").strip(),
        )
        message = "延期申请已提交，待中心负责人审批"
    elif action == "decide":
        approve = post.get("approve") == "1"
        result = mutate(
            request,
            "approvals/decide",
            number=number,
            version=version,
            approve=approve,
            reason=post.get("reason", "").strip() or None,
        )
        message = (
            "已办结（准予），请将办理结果移交综合出件窗口"
            if approve
            else "已作出不予许可决定，请将决定书移交综合出件窗口"
        )
    elif action == "hand-over":
        result = mutate(request, "approvals/hand_over", number=number)
        late = ((result.payload.get("case") or {}).get("resultHandover") or {}).get("late")
        message = "已移交综合出件窗口" + ("（已超过本县时限，记为未及时送达）" if late else "")
    else:
        return redirect(here)
    return answer(
        request,
        result,
        message=message,
        url=here,
        template="bff/approvals/case.html",
        context=lambda: _case(request, number),
        failed_action=action,
    )
