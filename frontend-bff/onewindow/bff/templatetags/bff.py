"""Small template helpers shared by every page: field errors, status labels, dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

CASE_STATUS = {
    "RECEIVED": ("已收件", "blue"),
    "CORRECTION_REQUIRED": ("待补正", "orange"),
    "REFUSED": ("不予受理", "red"),
    "ACCEPTED": ("审批中", "blue"),
    "APPROVED": ("已办结·待出件", "green"),
    "DENIED": ("不予许可", "red"),
    "ISSUED": ("已出件", "green"),
}


# The API's enum values, as the hall says them.
LABELS = {
    "material": {
        "PROVIDED": "已提交",
        "MISSING": "缺少",
        "IRREGULAR": "不规范",
        "TOLERATED": "容缺",
        "EXEMPT": "免提交",
    },
    "pause": {
        "CORRECTION": "补正",
        "HEARING": "听证",
        "TESTING": "检验检测",
        "EXPERT_REVIEW": "专家评审",
        "SITE_INSPECTION": "现场勘验",
    },
    "extension": {"REQUESTED": "待批准", "APPROVED": "已批准", "REJECTED": "未批准"},
    "delivery": {"PICKUP": "窗口领取", "SELF_PRINT": "自助打印", "EXPRESS": "政务快递（短信通知申请人）"},
    "period": {"OPEN": "考核中", "POSTED": "公示中", "FINAL": "已定稿"},
    "period_kind": {"week": "周", "month": "月", "quarter": "季度", "year": "年"},
    "subject_kind": {"department": "进驻部门", "window": "窗口单位", "staff": "工作人员"},
    "tier": {"GENERAL": "一般问题", "HARD": "疑难复杂问题", "VERY_HARD": "特别疑难复杂问题"},
    "classification": {
        "FIX_NOW": "立即整改",
        "EXPLAIN": "限期整改并解释说明",
        "NO_LEGAL_BASIS": "无法律依据，解释说明",
        "MISTAKEN": "误评或恶意差评，申诉",
    },
    # 省级运营
    "county_status": {"PROVISIONING": "创建中", "ACTIVE": "运行中", "SUSPENDED": "已暂停"},
    "health": {"OK": "正常", "WARNING": "注意", "ERROR": "异常"},
    "job_status": {"QUEUED": "排队中", "RUNNING": "进行中", "READY": "已就绪", "FAILED": "失败"},
    "day_kind": {"HOLIDAY": "放假", "WORKDAY": "调休上班"},
    "year_origin": {"LOADED": "已加载", "BUNDLED": "内置数据", "MISSING": "无数据"},
    "item_type": {
        "LICENSING": "行政许可",
        "CONFIRMATION": "行政确认",
        "ADJUDICATION": "行政裁决",
        "PAYMENT": "行政给付",
        "REWARD": "行政奖励",
        "FILING": "行政备案",
        "OTHER_POWER": "其他行政权力",
        "PUBLIC_SERVICE": "公共服务",
    },
}


def choices(kind: str) -> list[tuple[str, str]]:
    """A form's (value, label) options for an enum the API takes in lower case."""
    return [(value.lower(), text) for value, text in LABELS[kind].items()]


@register.filter
def choices_of(kind: str) -> list[tuple[str, str]]:
    """``{% for v, l in "county_status"|choices_of %}`` — a select's options."""
    return choices(kind)


@register.filter
def label(value: str | None, kind: str) -> str:
    """``{{ m.state|label:"material" }}`` → 已提交; an unknown value is shown as it is."""
    if not value:
        return "—"
    return LABELS.get(kind, {}).get(value, value)


@register.simple_tag
def field_errors(errors: dict[str, list[Any]] | None, name: str) -> str:
    """The API's errors for one input, each with its code and message, beside the field."""
    found = (errors or {}).get(name) or []
    if not found:
        return ""
    return format_html_join(
        "",
        '<div class="field-error" role="alert"><code>{}</code>{}</div>',
        ((e.code, e.message) for e in found),
    )


@register.simple_tag
def has_error(errors: dict[str, list[Any]] | None, name: str) -> str:
    return " has-error" if (errors or {}).get(name) else ""


@register.filter
def case_status(status: str) -> str:
    label, colour = CASE_STATUS.get(status, (status, ""))
    return format_html('<span class="tag {}">{}</span>', colour, label)


@register.filter
def when(value: str | None) -> str:
    """An ISO date or datetime from the API, as hall staff read it (county time)."""
    if not value:
        return "—"
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) <= 10:
        return moment.strftime("%Y-%m-%d")
    shanghai = dt.timezone(dt.timedelta(hours=8))
    return moment.astimezone(shanghai).strftime("%Y-%m-%d %H:%M")


@register.filter
def get(mapping: dict[str, Any] | None, key: str) -> Any:
    return (mapping or {}).get(key)


@register.filter
def getlist(query: Any, key: str) -> list[str]:
    return list(query.getlist(key)) if hasattr(query, "getlist") else []


@register.filter
def split_commas(value: str) -> list[str]:
    """``"points,per"|split_commas`` → a list to loop over in a template."""
    return [part for part in value.split(",") if part]


@register.simple_tag
def delta(before: Any, after: Any) -> str:
    """+1.50 / −2.00 / — between two scores (the API's decimals arrive as strings)."""
    try:
        change = float(after) - float(before)
    except (TypeError, ValueError):
        return "—"
    if abs(change) < 0.005:
        return "—"
    css = "up" if change > 0 else "down"
    return format_html(
        '<span class="delta {}">{}{}</span>', css, "+" if change > 0 else "−", f"{abs(change):.2f}"
    )


@register.filter
def num(value: Any) -> str:
    """A number as a person writes it in a form: 4.0 → 4, 0.50 → 0.5, None → ""."""
    if value is None or value == "":
        return ""
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return str(value)  # what the user typed, shown back with its error
