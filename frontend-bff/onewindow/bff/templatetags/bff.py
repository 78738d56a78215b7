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
    # 县级管理: the pack's entries (enum names as the API gives them)
    "window_kind": {
        "UNIVERSAL": "无差别综合窗口",
        "DOMAIN": "分领域综合窗口",
        "BUNDLE": "一件事一次办窗口",
        "ISSUANCE": "综合出件窗口",
        "FALLBACK": "办不成事反映窗口",
        "COMPLAINT": "有诉即办窗口",
        "VALUE_ADDED": "增值服务窗口",
        "ASSISTANCE": "帮办代办窗口",
        "DEPARTMENT": "部门专窗",
    },
    "site_level": {
        "COUNTY": "县级政务服务中心",
        "TOWNSHIP": "乡镇便民服务中心",
        "VILLAGE": "村（社区）便民服务站",
    },
    "zone_kind": {
        "GUIDANCE": "诉求询导区/咨询服务区",
        "INTAKE": "综合受理区",
        "BACK_OFFICE": "后台审批区",
        "ASSISTANCE": "帮办代办区",
        "ENTERPRISE": "服务企业专区",
        "SELF_SERVICE": "自助服务区",
        "WAITING": "休息等候区",
        "DISCLOSURE": "政务公开专区",
        "INVESTMENT": "投资项目一站式中心",
        "OTHER": "其他",
    },
    "grade": {"JUNIOR": "初级", "INTERMEDIATE": "中级", "SENIOR": "高级"},
    "role": {
        "COUNTY_ADMIN": "县级管理员",
        "CENTRE_MANAGER": "中心负责人",
        "GUIDE": "导服人员",
        "INTAKE_CLERK": "综合受理员",
        "APPROVER": "审批人员",
        "AGENT": "帮办代办员",
        "SUPERVISOR": "督查人员",
    },
    "team_shape": {
        "ONE_ONE_ONE_X": "1+1+1+X 服务团队",
        "COORDINATION_GROUP": "管理协调小组",
        "OTHER": "其他",
    },
    "team_role": {
        "LEADER_IN_CHARGE": "分管领导",
        "CHIEF_OFFICER": "首席服务专员",
        "OFFICER": "服务专员",
        "LEADER": "组长",
        "DEPUTY": "副组长",
        "MEMBER": "成员",
    },
    "chain_subject": {
        "CASE": "办件时限",
        "FALLBACK": "办不成事",
        "BAD_REVIEW": "差评整改",
        "ASSISTANCE_COMPLAINT": "帮办代办投诉",
        "CATALOG_CHANGE": "事项目录调整",
    },
    # a chain level's target, trigger and actions (escalation/policy.py)
    "target": {
        "ROLE": "某一角色",
        "DEPARTMENT_HEAD": "承办部门负责人",
        "TEAM": "服务团队",
        "PERSON": "指定人员",
        "CENTRE": "政务服务中心",
        "REFORM_OFFICE": "改革办",
        "COUNTY_GOVERNMENT": "县政府",
        "DISCIPLINE_COMMISSION": "纪委监委",
    },
    "relative_to": {"DEADLINE": "以截止日为准", "START": "以开始日为准", "EVENT": "发生某事时"},
    "unit": {"WORKING_DAYS": "个工作日", "HOURS": "小时", "SHARE": "%（用时占比）"},
    "event": {"DISSATISFIED": "申请人表示不满意"},
    "action": {
        "NOTIFY": "通知",
        "FLAG": "挂牌警示",
        "HANDOVER": "移交上一级",
        "REQUIRE_RESPONSE": "限期回复",
        "SCORE": "计入考核",
    },
    "channel": {"CONSOLE": "系统消息", "INAPP": "站内信", "SMS": "短信", "WECHAT": "微信"},
    "override": {"CLOSED": "闭厅（停止办公）", "WORKING": "加班办公日"},
    "item_kind": {"IMMEDIATE": "即办件", "PROMISED": "承诺件"},
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
    "format": {"PAPER": "纸质", "ELECTRONIC": "电子", "EITHER": "纸质或电子"},
    "source": {"APPLICANT": "申请人自备", "GOVERNMENT": "政府部门核发", "THIRD_PARTY": "第三方出具"},
    "exempt": {"GOVERNMENT_ISSUED": "政府部门核发，免提交", "E_LICENCE": "可调用电子证照，免提交"},
    "change_status": {
        "DUE": "办理中",
        "OVERDUE": "已超期",
        "APPLIED": "已调整到位",
        "APPLIED_LATE": "逾期调整到位",
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


def _posted(posted: Any, name: str) -> bool:
    return posted is not None and hasattr(posted, "getlist") and name in posted


@register.simple_tag
def form_value(posted: Any, entry: dict[str, Any] | None, name: str, key: str = "") -> Any:
    """What a form's input shows: what was just posted (a failed save), else the entry's value
    (under ``key`` when the entry names it otherwise), else blank."""
    if _posted(posted, name):
        return posted.get(name)
    value = (entry or {}).get(key or name)
    return "" if value is None else value


@register.simple_tag
def checked(posted: Any, entry: dict[str, Any] | None, name: str, value: str, key: str = "") -> str:
    """`` checked`` for a checkbox group's box: ticked in the failed post, else in the entry's list
    (``key``: the entry's list of codes, e.g. ``department_codes``)."""
    if posted is not None and hasattr(posted, "getlist") and f"{name}_shown" in posted:
        return " checked" if value in posted.getlist(name) else ""
    return " checked" if value in ((entry or {}).get(key or name) or []) else ""


@register.simple_tag
def form_rows(posted: Any, entry: dict[str, Any] | None, key: str, prefix: str, fields: str) -> list[Any]:
    """The rows of a repeated group (a team's members, an item's materials): as just posted
    (``<prefix>_<field>`` lists, after a failed save), else the entry's ``key`` list."""
    if posted is not None and hasattr(posted, "getlist") and f"{key}_shown" in posted:
        names = fields.split()
        columns = [posted.getlist(f"{prefix}_{name}") for name in names]
        return [dict(zip(names, values, strict=False)) for values in zip(*columns, strict=False)]
    return list((entry or {}).get(key) or [])


@register.simple_tag
def errors_under(errors: dict[str, list[Any]] | None, path: str) -> str:
    """Every error whose field path starts with ``path`` (``input.levels[2]``): a repeated row's
    errors, beside that row, each with the rest of its path."""
    found = [e for errs in (errors or {}).values() for e in errs if (e.field or "").startswith(path)]
    return format_html_join(
        "",
        '<div class="field-error" role="alert"><code>{}</code>{}{}</div>',
        (
            (e.code, (e.field or "")[len(path) :].lstrip(".") + " " if e.field != path else "", e.message)
            for e in found
        ),
    )
