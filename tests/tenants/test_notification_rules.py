"""A county's notification rules: templates rendered with its variables and measured as SMS
(70 characters in one message, 签名 included; 67 a segment beyond), quiet hours, the rate
limit per phone, opt-out, delivery receipts, the staff inbox, dead letters, and escalation
targets resolved to people at firing time. 乌审旗 unless a test says otherwise."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, ValidationErrors
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.outbox.deadletters import dead_letters, retry_dead_letter
from onewindow.tenants.outbox.inbox import inbox, mark_read, unread_count
from onewindow.tenants.outbox.models import OutboxMessage, OutboxStatus
from onewindow.tenants.outbox.notify import notify, preview
from onewindow.tenants.outbox.services import deliver_pending, enqueue_notification
from onewindow.tenants.outbox.subscribers import opt_out
from onewindow.tenants.policy.services import save_entry, save_settings

pytestmark = pytest.mark.django_db
TZ = clock.COUNTY_TZ
PHONE = "13912345678"
EXPRESS = {"case_number": "15062620261201000001", "item_name": "企业设立登记", "tracking_number": "EMS0001"}


def at(moment: str) -> dt.datetime:
    return dt.datetime.fromisoformat(moment).replace(tzinfo=TZ)


def _express(moment: str, phone: str = PHONE) -> OutboxMessage:
    with clock.frozen_at(moment), transaction.atomic():
        [message] = notify("case.express_sent", EXPRESS, applicant_phone=phone)
    return message


# --- templates -----------------------------------------------------------------------------------


def test_a_template_renders_with_the_countys_values_and_sign() -> None:
    # 000 第十条: 政务快递 + 短信; 签名 【乌审旗政务服务局】 is 10 characters
    shown = preview("express_sent")
    assert shown["text"] == "您的办件15062620261201000001办理结果已由政务快递寄出，运单号EMS1234567890。"
    assert shown["sms"] == "【乌审旗政务服务局】" + shown["text"]
    # 10 (签名) + 4 + 20 (number) + 13 + 3 + 13 (EMS…) + 1 = 64 ≤ 70: one message
    assert (shown["characters"], shown["segments"]) == (64, 1)
    link = preview("receipt_link")
    # 10 + 4 + 20 + 8 (（企业设立登记）) + 6 + 10 (date) + 6 + 52 (link) = 116 > 70: ⌈116/67⌉ = 2
    assert (link["characters"], link["segments"]) == (116, 2)
    assert preview("express_sent", {"tracking_number": "SF1"})["text"].endswith("运单号SF1。")


def test_the_pack_refuses_a_template_longer_than_its_segments() -> None:
    long = "您的办件{case_number}办理结果已由政务快递寄出，运单号{tracking_number}，请您注意查收并妥善保管。"
    example = {**EXPRESS, "tracking_number": "EMS1234567890"}
    with pytest.raises(ValidationErrors) as err:
        save_settings(
            "notifications",
            {"templates": [{"code": "express_sent", "name": "快递", "text": long, "example": example}]},
            actor="tests",
        )
    problem = next(d for d in err.value.details if d.code == "SMS_TOO_LONG")
    # 10 + 4 + 20 + 13 + 3 + 13 + 13 = 76 > 70: ⌈76/67⌉ = 2 messages
    assert problem.field == "notifications.templates[0].text" and "76 字，2 条" in problem.message


def test_a_rule_may_use_only_what_its_event_gives() -> None:
    with pytest.raises(ValidationErrors) as err:
        save_settings(
            "notifications",
            {
                "templates": [
                    {
                        "code": "t",
                        "name": "t",
                        "text": "请于{pickup_on}领取",
                        "example": {"pickup_on": "明天"},
                    }
                ],
                "rules": [
                    {"event": "case.express_sent", "template": "t"},
                    {"event": "case.lost", "template": "t"},
                ],
            },
            actor="tests",
        )
    found = {(d.code, d.field) for d in err.value.details}
    assert ("UNKNOWN_REFERENCE", "notifications.rules[0].template") in found
    assert ("INVALID_CHOICE", "notifications.rules[1].event") in found


def test_a_county_without_a_rule_sends_nothing_through_notify(wenling: Any) -> None:
    connection.set_tenant(wenling)
    with transaction.atomic():
        assert notify("case.express_sent", EXPRESS, applicant_phone=PHONE) == []


# --- quiet hours, rate limit, opt-out ------------------------------------------------------------


def test_quiet_hours_hold_a_message_until_they_end() -> None:
    message = _express("2026-12-01 22:30")  # quiet 21:00–08:00 (example data)
    assert message.scheduled_at == at("2026-12-02 08:00")
    with clock.frozen_at("2026-12-01 23:00"):
        assert deliver_pending() == 0
    with clock.frozen_at("2026-12-02 08:01"):
        assert deliver_pending() == 1
    assert _express("2026-12-02 07:59").scheduled_at == at("2026-12-02 08:00")
    assert _express("2026-12-02 10:00").scheduled_at is None  # daytime: at once


def test_the_rate_limit_per_phone_moves_the_extra_message_on() -> None:
    save_settings("notifications", {"rate_limit": {"count": 2, "hours": 24}}, actor="tests")
    first = _express("2026-12-01 09:00")
    second = _express("2026-12-01 10:00")
    third = _express("2026-12-01 11:00")
    other = _express("2026-12-01 11:00", phone="13800000000")
    assert first.scheduled_at is None and second.scheduled_at is None and other.scheduled_at is None
    assert third.scheduled_at == at("2026-12-02 09:00")  # 24 h after the first
    fourth = _express("2026-12-01 12:00")
    assert fourth.scheduled_at == at("2026-12-02 10:00")  # after the second
    with clock.frozen_at("2026-12-01 12:00"):
        assert deliver_pending() == 3  # first, second, other


def test_the_rate_limit_and_quiet_hours_together() -> None:
    save_settings("notifications", {"rate_limit": {"count": 1, "hours": 12}}, actor="tests")
    _express("2026-12-01 10:00")
    # the limit frees at 22:00 — inside the quiet hours, so it waits for 08:00
    assert _express("2026-12-01 11:00").scheduled_at == at("2026-12-02 08:00")


def test_an_opted_out_phone_gets_essential_messages_only() -> None:
    opt_out(PHONE, actor="tests")
    assert _express("2026-12-01 10:00").essential  # a result sent by post is essential
    save_settings(
        "notifications",
        {
            "templates": [
                {
                    "code": "express_sent",
                    "name": "快递",
                    "text": "运单号{tracking_number}",
                    "essential": False,
                    "example": {"tracking_number": "EMS1"},
                },
            ]
        },
        actor="tests",
    )
    with clock.frozen_at("2026-12-01 10:00"), transaction.atomic():
        assert notify("case.express_sent", EXPRESS, applicant_phone=PHONE) == []
        assert len(notify("case.express_sent", EXPRESS, applicant_phone="13800000000")) == 1


# --- delivery receipts ---------------------------------------------------------------------------


def _sent(channel: str, gateway_id: str = "") -> OutboxMessage:
    with transaction.atomic():
        message = enqueue_notification(channel, PHONE, "x")
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.SENT, gateway_id=gateway_id)
    return message


def _push(gateway: str, payload: Any, token: str = "receipt-secret") -> Any:
    schema = connection.tenant
    try:
        return Client().post(
            f"/c/150626/hooks/notifications/{gateway}?token={token}",
            json.dumps(payload),
            content_type="application/json",
        )
    finally:
        connection.set_tenant(schema)


def test_delivery_receipts_are_recorded_on_the_message(settings: Any) -> None:
    settings.NOTIFICATION_RECEIPT_TOKEN = "receipt-secret"
    ali, tencent, gov = _sent("aliyun_sms", "biz-1"), _sent("tencent_sms", "sid-9"), _sent("http_sms")
    answer = _push(
        "aliyun_sms",
        [
            {
                "phone_number": PHONE,
                "success": True,
                "err_code": "DELIVERED",
                "biz_id": "biz-1",
                "out_id": ali.idempotency_key,
                "report_time": "2026-12-01 10:00:05",
            }
        ],
    )
    assert answer.status_code == 200 and answer.json() == {"code": 0, "msg": "成功"}
    _push(
        "tencent_sms",
        [
            {
                "mobile": PHONE,
                "report_status": "FAIL",
                "errmsg": "MK:0005",
                "sid": "sid-9",
                "user_receive_time": "2026-12-01 10:00:07",
            }
        ],
    )
    _push("http_sms", {"msgid": gov.idempotency_key, "status": "DELIVRD", "time": "2026-12-01 10:00:09"})
    for message in (ali, tencent, gov):
        message.refresh_from_db()
    assert (ali.receipt_status, ali.receipt_code, ali.receipt_at) == (
        "delivered",
        "DELIVERED",
        at("2026-12-01 10:00:05"),
    )
    assert (tencent.receipt_status, tencent.receipt_code) == ("undelivered", "MK:0005")
    assert gov.receipt_status == "delivered"
    assert AuditEvent.objects.filter(action="notification.receipt").count() == 3


def test_a_receipt_without_the_token_or_for_another_county_changes_nothing(settings: Any) -> None:
    settings.NOTIFICATION_RECEIPT_TOKEN = "receipt-secret"
    message = _sent("http_sms")
    assert (
        _push("http_sms", {"msgid": message.idempotency_key, "status": "DELIVRD"}, token="guess").status_code
        == 403
    )
    other = message.idempotency_key.replace(connection.schema_name, "someone_else")
    assert _push("http_sms", {"msgid": other, "status": "DELIVRD"}).status_code == 200
    assert _push("pigeon", {}).status_code == 404
    assert _push("http_sms", "not a list").status_code == 400
    message.refresh_from_db()
    assert message.receipt_status == ""


def test_a_reply_of_td_opts_the_phone_out(settings: Any) -> None:
    from onewindow.tenants.outbox.models import OptOut

    settings.NOTIFICATION_RECEIPT_TOKEN = "receipt-secret"
    sms_up = [{"phone_number": PHONE, "content": "TD", "send_time": "2026-12-01 10:00:00", "sequence_id": 1}]
    assert _push("aliyun_sms/replies", sms_up).status_code == 200
    assert (
        _push(
            "tencent_sms/replies", {"mobile": "13800000000", "text": "退订", "nationcode": "86"}
        ).status_code
        == 200
    )
    assert _push("http_sms/replies", {"mobile": "13700000000", "content": "你好"}).status_code == 200
    assert set(OptOut.objects.values_list("phone", flat=True)) == {PHONE, "13800000000"}


# --- the staff inbox, escalation targets ---------------------------------------------------------


def test_a_reminder_reaches_the_approver_holding_the_role_today_in_their_inbox() -> None:
    from onewindow.tenants.cases.services import accept_case
    from onewindow.tenants.escalation.services import scan
    from tests.tenants.cases_helpers import receive

    # 001 §15 三级提醒, level 1: role:approver of the case's department (市场监管: 呼斯林, S007)
    save_entry("staff", {"code": "S007", "username": "hu-approver"}, actor="tests")
    with clock.frozen_at("2026-03-02 10:00"):
        case = receive("QY-ZX", provided=["sqs", "qsbg"])
        case = accept_case(case.number, version=case.version, actor="clerk")
    assert unread_count("hu-approver") == 0
    assert scan(at("2026-03-03 09:05")) == 1
    assert deliver_pending() >= 1
    [item] = inbox("hu-approver")
    assert item.subject == "一级提醒（黄灯）" and case.number in item.body and "呼斯林" in item.body
    assert unread_count("hu-approver") == 1
    assert mark_read("hu-approver", [item.pk], actor="hu-approver") == 1
    assert unread_count("hu-approver") == 0
    assert mark_read("someone-else", None, actor="someone-else") == 0


def test_targets_resolve_to_people_at_firing_time(wenling: Any) -> None:
    from onewindow.tenants.escalation.targets import resolve_target

    # 000 附件1: the coordination group's 组长
    assert [p.name for p in resolve_target("team:xtxz")] == ["吴雨喆"]
    assert [p.name for p in resolve_target("role:approver", ["scjg"])] == ["呼斯林"]
    assert resolve_target("department_head:scjg") == []
    save_entry(
        "staff",
        {
            "code": "S900",
            "name": "市场监管局长",
            "roles": ["leader"],
            "department": "scjg",
            "username": "head",
        },
        actor="tests",
        create=True,
    )
    assert [(p.name, p.username) for p in resolve_target("department_head:scjg")] == [
        ("市场监管局长", "head")
    ]
    assert [p.name for p in resolve_target("department_head", ["scjg"])] == ["市场监管局长"]
    connection.set_tenant(wenling)
    # 002 三(一) 1+1+1+X: the team's 首席服务专员
    assert [p.name for p in resolve_target("team:T-XM")] == ["项目服务首席服务专员"]


# --- dead letters --------------------------------------------------------------------------------


def test_a_dead_letter_is_listed_with_its_reason_and_can_be_sent_again() -> None:
    with transaction.atomic():
        message = enqueue_notification("aliyun_sms", PHONE, "x")  # no keys in the tests' settings
    deliver_pending()
    assert list(dead_letters()) == [message]
    message.refresh_from_db()
    assert "未配置" in message.last_error
    again = retry_dead_letter(message.pk, actor="admin")
    assert (again.status, again.attempts) == (OutboxStatus.PENDING, 0)
    assert AuditEvent.objects.filter(action="notification.retried", subject_id=str(message.pk)).exists()
    with pytest.raises(BusinessError) as err:
        retry_dead_letter(message.pk, actor="admin")
    assert err.value.code == "NOT_DEAD_LETTER"
