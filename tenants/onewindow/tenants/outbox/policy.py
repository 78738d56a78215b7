"""Notifications' slice of the policy pack (``notifications``): which event notifies whom
through which channels, with which template; the SMS gateway and 签名; quiet hours; the rate
limit per phone. Gateway keys never live here: they come from the environment (README)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core.errors import ErrorDetail
from onewindow.tenants.outbox.models import NotificationSettings
from onewindow.tenants.outbox.templates import sms_length, variables
from onewindow.tenants.policy.base import Code, Column, PackContext, Settings, Strict, Text, columns

# what a rule may send through; each is a channel in settings.NOTIFICATION_CHANNELS except
# ``sms``, which goes through the county's ``sms_gateway``
LogicalChannel = Literal["sms", "wechat", "inapp", "console"]
SMS_GATEWAYS = ("console", "file", "aliyun_sms", "tencent_sms", "http_sms")
TARGET_KINDS = ("applicant", "team", "role", "department_head", "person")
# The events a service announces through ``notify``, with the variables it passes: a rule may
# name only these, and its template may use only their variables.
EVENT_VARIABLES: dict[str, tuple[str, ...]] = {
    # 受理 (cases.accept_case): the 受理回执 link, sent where the county turns it on
    "case.accepted": ("case_number", "item_name", "promised_on", "receipt_link", "county_name"),
    # 000 第十条: 政务快递 result sent — the applicant is told by SMS
    "case.express_sent": ("case_number", "item_name", "tracking_number", "county_name"),
}


class TemplateSpec(Strict):
    code: Code
    name: Text
    text: Text  # with {variable} placeholders
    example: dict[str, str] = {}  # the preview's values, and what the length check measures
    sms_template: str = ""  # the gateway's registered template (阿里云 SMS_…, 腾讯云 an id)
    sms_params: list[str] = []  # 腾讯云: the variables in the registered template's {1} {2} … order
    wechat_template: str = ""  # 订阅消息 template id
    wechat_fields: dict[str, str] = {}  # WeChat data key (thing1 …) → variable
    essential: bool = True  # false: an opted-out phone does not get it
    max_segments: int = Field(default=1, ge=1, le=5)


class RuleSpec(Strict):
    event: Code  # e.g. case.accepted
    template: Code
    to: list[str] = Field(default=["applicant"], min_length=1)  # applicant, team:xtxz, role:approver …
    channels: list[LogicalChannel] = Field(default=["sms"], min_length=1)


class QuietHoursSpec(Strict):
    start: dt.time
    end: dt.time


class RateLimitSpec(Strict):
    count: int = Field(ge=1, le=100)
    hours: int = Field(default=24, ge=1, le=168)


class NotificationsSpec(Strict):
    sms_gateway: Literal[SMS_GATEWAYS] = "console"  # type: ignore[valid-type]
    sign_name: str = Field(default="", max_length=12)  # 短信签名, shown as 【签名】
    quiet_hours: QuietHoursSpec | None = None
    rate_limit: RateLimitSpec | None = None
    templates: list[TemplateSpec] = []
    rules: list[RuleSpec] = []


def _check(specs: list[NotificationsSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    from onewindow.tenants.outbox.templates import render

    spec = specs[0]
    codes = {t.code for t in spec.templates}
    teams, staff, departments = ctx.codes("teams"), ctx.codes("staff"), ctx.codes("departments")
    for i, template in enumerate(spec.templates):
        path = f"notifications.templates[{i}]"
        used = variables(template.text)
        missing = [name for name in used if name not in template.example]
        if missing:
            yield ErrorDetail("REQUIRED", f"示例缺少变量 {'、'.join(missing)}", f"{path}.example")
            continue
        for key, name in template.wechat_fields.items():
            if name not in used:
                yield ErrorDetail(
                    "UNKNOWN_REFERENCE", f"变量 {name} 不在模板中", f"{path}.wechat_fields.{key}"
                )
        for name in template.sms_params:
            if name not in used:
                yield ErrorDetail("UNKNOWN_REFERENCE", f"变量 {name} 不在模板中", f"{path}.sms_params")
        length = sms_length(render(template.text, template.example), spec.sign_name)
        if length.segments > template.max_segments:
            yield ErrorDetail(
                "SMS_TOO_LONG",
                f"短信 {length.label}（含签名），超过 {template.max_segments} 条",
                f"{path}.text",
            )
    texts = {t.code: t.text for t in spec.templates}
    for i, rule in enumerate(spec.rules):
        path = f"notifications.rules[{i}]"
        given = EVENT_VARIABLES.get(rule.event)
        if given is None:
            yield ErrorDetail(
                "INVALID_CHOICE",
                f"事件 {rule.event} 不发通知（可选：{'、'.join(EVENT_VARIABLES)}）",
                f"{path}.event",
            )
        if rule.template not in codes:
            yield ErrorDetail("UNKNOWN_REFERENCE", f"模板 {rule.template} 不存在", f"{path}.template")
        elif given is not None:
            extra = [v for v in variables(texts[rule.template]) if v not in given]
            if extra:
                yield ErrorDetail(
                    "UNKNOWN_REFERENCE",
                    f"事件 {rule.event} 不提供变量 {'、'.join(extra)}",
                    f"{path}.template",
                )
        for j, target in enumerate(rule.to):
            kind, _, value = target.partition(":")
            where = f"{path}.to[{j}]"
            known = {"team": teams, "person": staff, "department_head": departments}.get(kind)
            if kind not in TARGET_KINDS:
                yield ErrorDetail("INVALID_CHOICE", f"收件人 {target} 无效", where)
            elif kind == "role" and value not in Role.values:
                yield ErrorDetail("UNKNOWN_REFERENCE", f"角色 {value} 不存在", where)
            elif known is not None and value and value not in known:
                yield ErrorDetail("UNKNOWN_REFERENCE", f"{target} 不存在", where)


class _Json(Column):
    """Nested specs kept as JSON (times as ``"21:00:00"``)."""

    def write(self, value: Any, ctx: PackContext) -> Any:
        if isinstance(value, list):
            return [v.model_dump(mode="json", exclude_defaults=True) for v in value]
        return value.model_dump(mode="json", exclude_defaults=True) if value is not None else None


class _Notifications(Settings):
    def export(self) -> Any:
        row = self.model.objects.first()
        if row is None:
            return self.spec().model_dump(mode="json")
        data = {name: getattr(row, name) for name in self.columns}
        return NotificationsSpec.model_validate(data).model_dump(mode="json")


NOTIFICATIONS = _Notifications(
    "notifications",
    NotificationsSpec,
    NotificationSettings,
    columns(
        "sms_gateway", "sign_name", quiet_hours=_Json(), rate_limit=_Json(), templates=_Json(), rules=_Json()
    ),
    check=_check,
)

__all__ = ["NOTIFICATIONS", "NotificationsSpec", "RuleSpec", "TemplateSpec"]
