"""Telling people about an event, the county's way (policy pack ``notifications``).

``notify(event, values, …)`` finds the county's rules for the event; for each it renders the
template with ``values`` and writes one outbox row per person and channel, in the caller's
transaction. Quiet hours and the per-phone rate limit move a citizen's message to when it may
go (nothing is dropped); an opted-out phone gets no 非必要 message; WeChat goes only to a
phone bound in the county's app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.outbox.models import NotificationSettings, OptOut, OutboxMessage, WeChatBinding
from onewindow.tenants.outbox.recipients import Person, resolve
from onewindow.tenants.outbox.services import enqueue_notification
from onewindow.tenants.outbox.templates import render, sms_length, variables

CITIZEN_CHANNELS = ("sms", "wechat")  # quiet hours and the rate limit apply to these


def county_settings() -> NotificationSettings:
    return NotificationSettings.objects.first() or NotificationSettings()


def template_named(code: str, county: NotificationSettings | None = None) -> dict[str, Any]:
    for template in (county or county_settings()).templates:
        if template["code"] == code:
            return dict(template)
    raise BusinessError("NOT_FOUND", f"模板 {code} 不存在", field="template")


def _time(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def after_quiet_hours(at: dt.datetime, quiet: Mapping[str, str] | None) -> dt.datetime:
    """``at``, or the end of the quiet hours it falls in (county time)."""
    if not quiet:
        return at
    local = at.astimezone(clock.COUNTY_TZ)
    start, end = _time(quiet["start"]), _time(quiet["end"])
    t = local.time()
    overnight = start > end
    inside = (t >= start or t < end) if overnight else (start <= t < end)
    if not inside:
        return at
    day = local.date() + dt.timedelta(days=1) if overnight and t >= start else local.date()
    return dt.datetime.combine(day, end, tzinfo=clock.COUNTY_TZ)


def within_rate_limit(phone: str, at: dt.datetime, limit: Mapping[str, int] | None) -> dt.datetime:
    """``at``, or the first moment after it when ``phone`` has had fewer than ``count``
    messages in the last ``hours`` (queued ones count at the time they will go)."""
    if not limit:
        return at
    window = dt.timedelta(hours=int(limit.get("hours", 24)))
    count = int(limit["count"])
    times = sorted(
        OutboxMessage.objects.filter(recipient=phone)
        .exclude(channel="inapp")
        .annotate(at=Coalesce("scheduled_at", F("created_at")))
        .filter(at__gt=at - window)
        .values_list("at", flat=True)
    )
    while True:
        in_window = [t for t in times if at - window < t <= at + dt.timedelta(microseconds=1)]
        if len(in_window) < count:
            return at
        at = in_window[len(in_window) - count] + window


def channel_name(logical: str, county: NotificationSettings | None = None) -> str:
    """The outbox channel of a logical one: ``sms`` is the county's SMS gateway."""
    return (county or county_settings()).sms_gateway if logical == "sms" else logical


def notify(
    event: str,
    values: Mapping[str, Any],
    *,
    applicant_phone: str = "",
    departments: Sequence[str] = (),
) -> list[OutboxMessage]:
    """Write the messages the county's rules say ``event`` sends (none if it has no rule)."""
    county = county_settings()
    written: list[OutboxMessage] = []
    now = clock.now()
    quiet = county.quiet_hours
    for rule in county.rules:
        if rule["event"] != event:
            continue
        template = template_named(rule["template"], county)
        body = render(template["text"], values)
        essential = template.get("essential", True)
        people: list[Person] = []
        for target in rule.get("to", ["applicant"]):
            if target == "applicant":
                if applicant_phone:
                    people.append(Person(name="申请人", phone=applicant_phone))
            else:
                people += resolve(target, departments)
        for person in dict.fromkeys(people):
            for logical in rule.get("channels", ["sms"]):
                recipient = person.username if logical == "inapp" else person.phone
                if not recipient:
                    continue
                if logical in CITIZEN_CHANNELS:
                    if not essential and OptOut.objects.filter(phone=recipient).exists():
                        continue
                    if logical == "wechat" and not WeChatBinding.objects.filter(phone=recipient).exists():
                        continue
                at = now
                if logical in CITIZEN_CHANNELS:
                    for _ in range(2):  # moved past quiet hours, it is checked against the limit again
                        at = after_quiet_hours(within_rate_limit(recipient, at, county.rate_limit), quiet)
                written.append(
                    enqueue_notification(
                        channel_name(logical, county),
                        recipient,
                        body,
                        subject=template["name"],
                        event=event,
                        template=template["code"],
                        params=dict(values),
                        essential=essential,
                        scheduled_at=at if at > now else None,
                    )
                )
    return written


def preview(code: str, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A template rendered with ``values`` (default: its example), with its SMS length."""
    county = county_settings()
    template = template_named(code, county)
    used = {**template.get("example", {}), **(values or {})}
    text = render(template["text"], used)
    length = sms_length(text, county.sign_name)
    return {
        "code": code,
        "name": template["name"],
        "text": text,
        "sms": f"【{county.sign_name}】{text}" if county.sign_name else text,
        "characters": length.characters,
        "segments": length.segments,
        "max_segments": template.get("max_segments", 1),
        "essential": template.get("essential", True),
        "template_text": template["text"],
        "variables": [{"name": n, "value": str(used.get(n, ""))} for n in variables(template["text"])],
    }


@transaction.atomic
def send_test(code: str, username: str, *, actor: object | None) -> OutboxMessage:
    """试发: the template, rendered with its example values, to the caller's own inbox."""
    shown = preview(code)
    message = enqueue_notification(
        "inapp",
        username,
        shown["text"],
        subject=f"试发：{shown['name']}",
        template=code,
        event="template.test",
    )
    record_event("notification.test_sent", message, actor=actor, data={"template": code})
    return message


__all__ = ["after_quiet_hours", "county_settings", "notify", "preview", "send_test", "within_rate_limit"]
