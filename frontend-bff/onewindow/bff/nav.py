"""The left menu, by what the user may do here (the API's permissions, not role names)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    needs: frozenset[str]  # any one of these permissions shows the entry; empty: everyone


_CASE_READERS = frozenset({"case.intake", "case.manage", "case.decide", "case.process"})

_COUNTY_MENU: list[tuple[str, list[Entry]]] = [
    (
        "工作台",
        [
            Entry("我的工作台", "bff:home", frozenset()),
            Entry("站内信", "bff:inbox", frozenset({"county.view"})),
            Entry("领导驾驶舱", "bff:dashboard", frozenset({"county.view_dashboard"})),
            Entry("本县对标", "bff:benchmarks", frozenset({"county.view_dashboard"})),
        ],
    ),
    (
        "办件",
        [
            Entry("综合受理", "bff:intake", frozenset({"case.intake"})),
            Entry("后台审批", "bff:approvals", frozenset({"case.decide", "case.process"})),
            Entry("综合出件", "bff:issuance", frozenset({"case.issue"})),
            Entry(
                "办件查询",
                "bff:cases",
                frozenset({"case.intake", "case.manage", "case.decide", "case.process"}),
            ),
        ],
    ),
    (
        "取号叫号",
        [
            Entry("窗口叫号", "bff:queue-windows", frozenset({"queue.call"})),
            Entry("询导台取号", "bff:queue-guide", frozenset({"queue.call"})),
            Entry("当日预约", "bff:queue-appointments", frozenset({"queue.call"})),
            Entry("首问负责", "bff:consultations", frozenset({"consultation.first_asked"})),
            Entry("叫号统计", "bff:queue-stats", frozenset({"county.view_dashboard"})),
        ],
    ),
    (
        "帮办代办",
        [
            Entry("帮办代办委托", "bff:assistance", frozenset({"assistance.handle"})),
            Entry("网络与8个统一", "bff:assistance-compliance", frozenset({"assistance.handle"})),
            Entry("工作台账", "bff:assistance-ledger", frozenset({"assistance.handle"})),
        ],
    ),
    (
        "中心管理",
        [
            Entry("超期与挂牌警示", "bff:manage-overdue", frozenset({"case.manage"})),
            Entry("延期审批", "bff:manage-extensions", frozenset({"case.manage"})),
            Entry("容缺与告知承诺", "bff:manage-commitments", frozenset({"case.intake", "case.manage"})),
            Entry("办不成事", "bff:fallback", frozenset({"work_orders.handle", "case.intake"})),
            Entry("差评整改工单", "bff:work-orders", frozenset({"work_orders.handle"})),
            Entry("12345 工单", "bff:hotline", frozenset({"hotline.handle"})),
            Entry("发送失败的通知", "bff:dead-letters", frozenset({"notifications.manage"})),
        ],
    ),
    (
        "考核",
        [
            Entry("考核周期", "bff:assessment", frozenset({"scoring.manage"})),
            Entry("扣分记录", "bff:assessment-incidents", frozenset({"scoring.manage"})),
        ],
    ),
    (
        "县级管理",
        [
            Entry("场所与功能分区", "bff:hall-sites", frozenset({"county.manage_policy"})),
            Entry("窗口", "bff:hall-windows", frozenset({"county.manage_policy"})),
            Entry("考核细则", "bff:rule-sets", frozenset({"county.manage_policy"})),
            Entry("县级设置", "bff:settings", frozenset({"county.manage_policy"})),
            Entry("通知模板", "bff:notification-templates", frozenset({"county.manage_policy"})),
            Entry("进驻部门", "bff:hall-departments", frozenset({"county.manage_policy"})),
            Entry("工作人员", "bff:hall-staff", frozenset({"county.manage_policy"})),
            Entry("服务团队", "bff:hall-teams", frozenset({"county.manage_policy"})),
            Entry("事项目录", "bff:catalog-items", frozenset({"county.manage_policy"})),
            Entry("一件事", "bff:catalog-bundles", frozenset({"county.manage_policy"})),
            Entry("目录调整", "bff:catalog-changes", frozenset({"county.manage_policy"})),
            Entry("督办链", "bff:chains", frozenset({"county.manage_policy"})),
            Entry("日历", "bff:calendar", frozenset({"county.manage_calendar"})),
            Entry("政策包", "bff:pack", frozenset({"county.manage_policy"})),
        ],
    ),
    (
        "系统管理",
        [
            Entry("人员与权限", "people:members", frozenset({"county.manage_staff"})),
            Entry("操作记录", "people:history", frozenset({"county.manage_staff"})),
        ],
    ),
    (
        "公开",
        [
            Entry("办事指南", "bff:guide", frozenset()),
            Entry("进度查询", "bff:status", frozenset()),
            Entry("自助取号机", "bff:queue-kiosk", frozenset()),
            Entry("大厅显示屏", "bff:queue-display", frozenset()),
            Entry("网上预约", "bff:queue-book", frozenset()),
        ],
    ),
]

_PLATFORM_MENU: list[tuple[str, list[Entry]]] = [
    ("省级平台", [Entry("选择县", "bff-platform:home", frozenset())]),
    (
        "省级运营",
        [
            Entry("县的开通与运行", "bff-platform:counties", frozenset({"platform.view_counties"})),
            Entry("跨县对标", "bff-platform:benchmarks", frozenset({"platform.view_counties"})),
            Entry("全国放假安排", "bff-platform:calendar", frozenset({"platform.view_counties"})),
            Entry("省级标准目录", "bff-platform:catalog", frozenset({"platform.view_counties"})),
        ],
    ),
    (
        "平台管理",
        [
            Entry("省级运营人员", "people:members", frozenset({"platform.manage_operators"})),
            Entry("操作记录", "people:history", frozenset({"platform.manage_operators"})),
        ],
    ),
]


def menu_for(perms: set[str], *, in_county: bool, path: str) -> list[dict[str, Any]]:
    sections: list[dict[str, Any]] = []
    for title, entries in _COUNTY_MENU if in_county else _PLATFORM_MENU:
        items = [
            {"label": e.label, "url": reverse(e.url_name), "active": False}
            for e in entries
            if not e.needs or e.needs & perms
        ]
        if items:
            sections.append({"title": title, "items": items})
    # The entry whose address is the longest start of the page's path is the current one.
    candidates = [i for s in sections for i in s["items"] if path == i["url"] or _under(path, i["url"])]
    if candidates:
        max(candidates, key=lambda i: len(i["url"]))["active"] = True
    return sections


def _under(path: str, url: str) -> bool:
    home = url.rstrip("/").count("/") <= 2  # /c/<code>/ itself: only an exact match
    return not home and path.startswith(url)
