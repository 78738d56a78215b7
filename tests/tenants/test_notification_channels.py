"""Each channel against its fake gateway (a real HTTP server started here): success, failure,
timeout, refusal, and a duplicate delivery attempt; the adapters are the real code. The county
is 乌审旗 with its preset's templates (000 第十条: 政务快递 + 短信)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from onewindow.platform.core import clock
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.outbox.models import OutboxMessage, OutboxStatus
from onewindow.tenants.outbox.notify import notify
from onewindow.tenants.outbox.services import _claim, deliver_pending, enqueue_notification
from onewindow.tenants.outbox.subscribers import bind_wechat
from onewindow.tenants.policy.services import save_settings
from tests.fake_gateways import FakeGateways, fake_gateways

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
EXPRESS = {"case_number": "15062620261201000001", "item_name": "企业设立登记", "tracking_number": "EMS0001"}


@pytest.fixture(autouse=True)
def daytime() -> Iterator[None]:
    with clock.frozen_at("2026-12-01 10:00"):  # a Tuesday morning, outside the quiet hours
        yield


@pytest.fixture
def fake(settings: Any) -> Iterator[FakeGateways]:
    with fake_gateways() as gateways:
        base = gateways.base
        settings.NOTIFICATION_TIMEOUT_SECONDS = 0.5
        settings.OUTBOX_RETRY_BASE_SECONDS = 30
        settings.NOTIFICATION_GATEWAYS = {
            "aliyun_sms": {
                "access_key_id": "LTAI-test",
                "access_key_secret": "secret",
                "endpoint": base,
                "protocol": "http",
            },
            "tencent_sms": {
                "secret_id": "AKID-test",
                "secret_key": "secret",
                "app_id": "1400000000",
                "endpoint": base,
                "protocol": "http",
            },
            "http_sms": {
                "url": f"http://{base}/sms/send",
                "body": '{"mobile": "${phone}", "content": "${content}", "msgid": "${key}"}',
                "token": "gov-token",
                "success": "code=0",
                "id_field": "msgid",
            },
            "wechat": {"appid": "wx-test", "secret": "secret", "app": "mp", "api_base": f"http://{base}/"},
        }
        yield gateways


def _use(gateway: str) -> None:
    save_settings("notifications", {"sms_gateway": gateway}, actor="tests")


def _express() -> OutboxMessage:
    with transaction.atomic():
        [message] = notify("case.express_sent", EXPRESS, applicant_phone=PHONE)
    return message


def _later(minutes: int) -> Any:
    return clock.frozen_at(clock.now() + dt.timedelta(minutes=minutes))


# --- 阿里云短信 ------------------------------------------------------------------------------------


def test_aliyun_sends_the_countys_sign_and_template_with_the_row_as_out_id(fake: FakeGateways) -> None:
    _use("aliyun_sms")
    message = _express()
    assert message.channel == "aliyun_sms"
    assert deliver_pending() == 1
    [sent] = fake.sends("aliyun")
    assert sent.query["OutId"] == message.idempotency_key
    assert sent.query["SignName"] == "乌审旗政务服务局"  # the preset's 签名
    assert sent.query["TemplateCode"] == "SMS_000000001"
    assert sent.query["PhoneNumbers"] == PHONE
    assert sent.headers["authorization"].startswith("ACS3-HMAC-SHA256 Credential=LTAI-test")
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.gateway_id.startswith("biz-")
    # the body the console and the preview show is the county's template with its values
    assert message.body == "您的办件15062620261201000001办理结果已由政务快递寄出，运单号EMS0001。"


def test_aliyun_refusal_goes_to_the_dead_letters_at_once(fake: FakeGateways) -> None:
    _use("aliyun_sms")
    fake.mode = "refuse"
    message = _express()
    assert deliver_pending() == 0
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED and message.attempts == 1
    assert "isv.MOBILE_NUMBER_ILLEGAL" in message.last_error
    assert AuditEvent.objects.filter(action="notification.failed", subject_id=str(message.pk)).exists()


def test_aliyun_timeout_retries_with_backoff_then_sends_once(fake: FakeGateways) -> None:
    _use("aliyun_sms")
    fake.mode = "slow"
    message = _express()
    assert deliver_pending() == 0
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING and message.attempts == 1
    assert message.scheduled_at is not None and message.scheduled_at > clock.now()  # backoff: 30 s
    assert "timed out" in message.last_error.lower() or "timeout" in message.last_error.lower()
    fake.mode = "ok"
    assert deliver_pending() == 0  # not before its time
    with _later(1):
        assert deliver_pending() == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.attempts == 2
    assert fake.sent_keys == [message.idempotency_key]


def test_aliyun_a_retry_after_a_dead_worker_asks_the_gateway_and_does_not_send_twice(
    fake: FakeGateways, settings: Any
) -> None:
    from onewindow.tenants.outbox.channels import channel

    _use("aliyun_sms")
    message = _express()
    claimed = _claim()
    assert claimed is not None
    channel("aliyun_sms").send(claimed[0], claimed[0].idempotency_key)  # sent; then the worker dies
    assert deliver_pending() == 0  # within the lease
    with clock.frozen_at(clock.now() + dt.timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS + 1)):
        assert deliver_pending() == 1
    assert len(fake.sends("aliyun")) == 1  # QuerySendDetails found the OutId: recorded, not resent
    assert [s.action for s in fake.seen] == ["send", "query"]
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.attempts == 2
    assert deliver_pending() == 0  # and a further run sends nothing


# --- 腾讯云短信 ------------------------------------------------------------------------------------


def test_tencent_sends_the_parameters_in_template_order(fake: FakeGateways) -> None:
    _use("tencent_sms")
    message = _express()
    assert deliver_pending() == 1
    [sent] = fake.sends("tencent")
    assert sent.body["SmsSdkAppId"] == "1400000000" and sent.body["SignName"] == "乌审旗政务服务局"
    assert sent.body["TemplateParamSet"] == ["15062620261201000001", "EMS0001"]  # sms_params order
    assert sent.body["PhoneNumberSet"] == [f"+86{PHONE}"]
    assert sent.body["SessionContext"] == message.idempotency_key
    assert sent.headers["authorization"].startswith("TC3-HMAC-SHA256 Credential=AKID-test/")
    message.refresh_from_db()
    assert message.gateway_id.startswith("sid-")


def test_tencent_failure_and_timeout_are_retried_refusal_is_not(fake: FakeGateways) -> None:
    _use("tencent_sms")
    for mode, status in (("fail", OutboxStatus.PENDING), ("slow", OutboxStatus.PENDING)):
        fake.mode = mode
        message = _express()
        deliver_pending()
        message.refresh_from_db()
        assert message.status == status, mode
        OutboxMessage.objects.filter(pk=message.pk).delete()
    fake.mode = "refuse"
    message = _express()
    deliver_pending()
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED and "PhoneNumberInBlacklist" in message.last_error


def test_tencent_a_retry_after_a_dead_worker_finds_the_status_report(
    fake: FakeGateways, settings: Any
) -> None:
    from onewindow.tenants.outbox.channels import channel

    _use("tencent_sms")
    message = _express()
    claimed = _claim()
    assert claimed is not None
    channel("tencent_sms").send(claimed[0], claimed[0].idempotency_key)  # sent; then the worker dies
    with clock.frozen_at(clock.now() + dt.timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS + 1)):
        assert deliver_pending() == 1
    assert len(fake.sends("tencent")) == 1 and [s.action for s in fake.seen] == ["send", "query"]
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT


# --- 政务短信平台 (generic HTTP) -----------------------------------------------------------------


def test_http_gateway_fills_the_request_template(fake: FakeGateways) -> None:
    _use("http_sms")
    message = _express()
    assert deliver_pending() == 1
    [sent] = fake.sends("http")
    assert sent.path == "/sms/send" and sent.headers["authorization"] == "Bearer gov-token"
    assert sent.body == {
        "mobile": PHONE,
        "content": "【乌审旗政务服务局】" + message.body,  # 签名 in front, as the phone shows it
        "msgid": message.idempotency_key,
    }
    message.refresh_from_db()
    assert message.gateway_id.startswith("gov-")


def test_http_gateway_500_is_retried_until_the_dead_letters(fake: FakeGateways) -> None:
    from onewindow.tenants.outbox.services import MAX_ATTEMPTS

    _use("http_sms")
    fake.mode = "fail"
    message = _express()
    for attempt in range(MAX_ATTEMPTS):
        with _later(60 * (attempt + 1) * 2**attempt):
            deliver_pending()
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED and message.attempts == MAX_ATTEMPTS
    assert "500" in message.last_error
    assert len(fake.sends("http")) == MAX_ATTEMPTS


def test_http_gateway_refusal_and_duplicate_runs(fake: FakeGateways) -> None:
    _use("http_sms")
    message = _express()
    assert deliver_pending() == 1
    assert deliver_pending() == 0  # a second run: nothing claimed, nothing sent
    assert len(fake.sends("http")) == 1
    fake.mode = "refuse"
    refused = _express()
    deliver_pending()
    refused.refresh_from_db()
    assert refused.status == OutboxStatus.FAILED and "code=17" in refused.last_error
    assert message.pk != refused.pk


# --- 微信订阅消息 ----------------------------------------------------------------------------------


def test_wechat_subscribe_message_to_a_bound_phone(fake: FakeGateways) -> None:
    save_settings(
        "notifications",
        {
            "rules": [
                {"event": "case.express_sent", "template": "express_sent", "channels": ["wechat", "sms"]}
            ]
        },
        actor="tests",
    )
    with transaction.atomic():
        assert [m.channel for m in notify("case.express_sent", EXPRESS, applicant_phone=PHONE)] == ["console"]
    OutboxMessage.objects.all().delete()  # unbound: the SMS only
    bind_wechat(PHONE, "o-openid-1", app="mp", actor="tests")
    with transaction.atomic():
        messages = notify("case.express_sent", EXPRESS, applicant_phone=PHONE)
    assert [m.channel for m in messages] == ["wechat", "console"]
    assert deliver_pending() == 2
    token, send = [s for s in fake.seen if s.gateway == "wechat"]
    assert token.query["appid"] == "wx-test"
    assert send.path == "/cgi-bin/message/subscribe/bizsend" and send.query["access_token"] == "fake-token"
    assert send.body["touser"] == "o-openid-1" and send.body["template_id"] == "example-express-sent"
    assert send.body["data"] == {
        "character_string1": {"value": "15062620261201000001"},
        "character_string2": {"value": "EMS0001"},
    }
    messages[0].refresh_from_db()
    assert messages[0].gateway_id.startswith("10")


def test_wechat_refusal_and_timeout(fake: FakeGateways) -> None:
    bind_wechat(PHONE, "o-openid-1", app="mp", actor="tests")
    with transaction.atomic():
        message = enqueue_notification("wechat", PHONE, "x", template="express_sent", params=EXPRESS)
    fake.mode = "slow"
    deliver_pending()
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING and message.attempts == 1
    fake.mode = "refuse"
    with _later(1):
        deliver_pending()
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED and "43101" in message.last_error


def test_a_gateway_without_keys_is_a_dead_letter_saying_so(settings: Any) -> None:
    settings.NOTIFICATION_GATEWAYS = {"aliyun_sms": {}}
    _use("aliyun_sms")
    message = _express()
    deliver_pending()
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED and "未配置 access_key_id" in message.last_error
