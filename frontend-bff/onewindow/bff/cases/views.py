"""办件查询: every case of the county with filters, pagination, export, and each case's story."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from onewindow.bff.exports import all_pages, xlsx_response
from onewindow.bff.pages import page, page_args, query, query_one, render_page
from onewindow.bff.templatetags.bff import CASE_STATUS

ACTION_LABELS = {
    "case.received": "收件",
    "case.correction_notice_issued": "出具一次性告知书",
    "case.materials_resubmitted": "补正材料",
    "case.refused": "不予受理",
    "case.accepted": "受理",
    "case.clock_paused": "暂停计时",
    "case.clock_resumed": "恢复计时",
    "case.extension_requested": "申请延期",
    "case.extension_decided": "延期审批",
    "case.decided": "审批决定",
    "case.issued": "出件",
    "case.delivered": "送达",
    "review.submitted": "评价",
    "review.bad": "差评",
    "escalation.fired": "督办提醒",
    "issuance.bypassed": "未经综合出件窗口出件（已记录）",
    "result.handed_over": "审批部门移交办理结果至综合出件窗口",
    "result.received": "综合出件窗口签收办理结果",
    "result.handover_late": "未及时将办理结果送达出件窗口（已记录）",
    "commitment.fulfilled": "承诺已履行（容缺材料补齐）",
    "commitment.broken": "承诺未履行（已记录）",
}
EXPORT_COLUMNS = [
    ("办件编号", 22),
    ("事项", 30),
    ("部门", 20),
    ("申请人", 24),
    ("收件时间", 18),
    ("承诺办结", 12),
    ("状态", 14),
]


def _filters(request: HttpRequest) -> dict[str, object]:
    get = request.GET
    status = get.get("status") or None
    return {
        "status": status if status in CASE_STATUS else None,
        "department": get.get("department") or None,
        "overdue": True if get.get("overdue") == "1" else None,
        "search": get.get("search", "").strip() or None,
    }


@page
def case_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    if request.GET.get("export") == "xlsx":
        rows = all_pages(
            lambda after: query(request, "cases/list", **filters, first=100, after=after), "cases"
        )
        return xlsx_response(
            "办件清单",
            EXPORT_COLUMNS,
            (
                (
                    c["number"],
                    c["itemName"] or "一件事",
                    c["departmentName"],
                    c["applicant"]["name"],
                    c["receivedAt"][:16].replace("T", " "),
                    c["dueOn"] or "",
                    CASE_STATUS.get(c["status"], (c["status"],))[0] + ("（超期）" if c["overdue"] else ""),
                )
                for c in rows
            ),
        )
    data = query(request, "cases/list", **filters, **page_args(request))
    return render_page(
        request,
        "bff/cases/list.html",
        {
            "title": "办件查询",
            "connection": data["cases"],
            "cases": [e["node"] for e in data["cases"]["edges"]],
            "departments": data["departments"],
            "statuses": [(k, v[0]) for k, v in CASE_STATUS.items()],
            "filters": filters,
        },
    )


@page
def case_timeline(request: HttpRequest, number: str) -> HttpResponse:
    case = query_one(request, "cases/timeline", "case", f"办件 {number}", number=number)
    for event in case["timeline"]:
        event["label"] = ACTION_LABELS.get(event["action"], event["action"])
    return render_page(request, "bff/cases/timeline.html", {"title": f"办件 {number}", "case": case})
