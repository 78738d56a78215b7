"""SMS and WeChat channels: the real adapters, configured from settings (the environment).

Every channel's ``send(message, key)`` returns the gateway's own id for the message (for the
delivery receipt) and passes ``key`` — the outbox row, ``<schema>:<id>`` — where the gateway
echoes it back: 阿里云 ``OutId``, 腾讯云 ``SessionContext``, the provincial platform's
message-id field. A gateway that answers "no" raises ``Refused`` (the message goes to the
dead-letter list at once); a timeout or a 5xx is an ordinary error and is retried with backoff.

What a county chooses — the gateway, its 签名, its template codes — is in its policy pack
(``notifications``); what a gateway needs to trust us (keys) is only in settings.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from string import Template
from typing import Any

import requests
from django.conf import settings

from onewindow.platform.core import clock
from onewindow.tenants.outbox.models import NotificationSettings, OutboxMessage, WeChatBinding
from onewindow.tenants.outbox.templates import sms_text

log = logging.getLogger("onewindow.notifications")


class Refused(Exception):
    """The gateway refused the message for good (bad number, unknown template, no binding)."""


class NotConfigured(Refused):
    pass


def _county_settings() -> NotificationSettings:
    return NotificationSettings.objects.first() or NotificationSettings()


def _template(message: OutboxMessage) -> dict[str, Any]:
    for template in _county_settings().templates:
        if template["code"] == message.template:
            return dict(template)
    return {}


def _config(name: str) -> dict[str, str]:
    config: dict[str, str] = settings.NOTIFICATION_GATEWAYS.get(name, {})
    return config


def _require(config: dict[str, str], *names: str, gateway: str) -> None:
    missing = [n for n in names if not config.get(n)]
    if missing:
        raise NotConfigured(f"{gateway} 未配置 {', '.join(missing)}")


class AliyunSmsChannel:
    """阿里云短信 (dysmsapi 2017-05-25) through its official SDK: SendSms with the county's 签名
    and the template's registered code; QuerySendDetails answers whether a key went out."""

    def __init__(self) -> None:
        from alibabacloud_dysmsapi20170525.client import Client
        from alibabacloud_tea_openapi import models as openapi

        self.config = _config("aliyun_sms")
        _require(self.config, "access_key_id", "access_key_secret", gateway="阿里云短信")
        self.client = Client(
            openapi.Config(
                access_key_id=self.config["access_key_id"],
                access_key_secret=self.config["access_key_secret"],
                endpoint=self.config.get("endpoint") or "dysmsapi.aliyuncs.com",
                protocol=self.config.get("protocol") or "https",
                region_id="cn-hangzhou",
            )
        )

    def _runtime(self) -> Any:
        from alibabacloud_tea_util import models as util

        ms = int(settings.NOTIFICATION_TIMEOUT_SECONDS * 1000)
        return util.RuntimeOptions(read_timeout=ms, connect_timeout=ms, autoretry=False)

    def send(self, message: OutboxMessage, key: str) -> str:
        from alibabacloud_dysmsapi20170525 import models as sms

        template = _template(message)
        if not template.get("sms_template"):
            raise NotConfigured(f"模板 {message.template or '（无）'} 没有阿里云模板代码 sms_template")
        request = sms.SendSmsRequest(
            phone_numbers=message.recipient,
            sign_name=_county_settings().sign_name,
            template_code=template["sms_template"],
            template_param=json.dumps(message.params, ensure_ascii=False),
            out_id=key,
        )
        body = self.client.send_sms_with_options(request, self._runtime()).body
        if body.code != "OK":
            raise Refused(f"阿里云短信 {body.code}: {body.message}")
        return str(body.biz_id or "")

    def delivered(self, key: str, message: OutboxMessage) -> bool:
        from alibabacloud_dysmsapi20170525 import models as sms

        day = (message.claimed_at or message.created_at).astimezone(clock.COUNTY_TZ).strftime("%Y%m%d")
        request = sms.QuerySendDetailsRequest(
            phone_number=message.recipient, send_date=day, page_size=50, current_page=1
        )
        body = self.client.query_send_details_with_options(request, self._runtime()).body
        rows = body.sms_send_detail_dtos.sms_send_detail_dto if body.sms_send_detail_dtos else []
        return any(row.out_id == key for row in rows or [])


class TencentSmsChannel:
    """腾讯云短信 (sms 2021-01-11) through its official SDK: SendSms with the SDK AppID, the
    county's 签名 and the template id; the parameters in the registered template's order."""

    def __init__(self) -> None:
        from tencentcloud.common import credential
        from tencentcloud.common.profile.client_profile import ClientProfile
        from tencentcloud.common.profile.http_profile import HttpProfile
        from tencentcloud.sms.v20210111 import sms_client

        self.config = _config("tencent_sms")
        _require(self.config, "secret_id", "secret_key", "app_id", gateway="腾讯云短信")
        profile = HttpProfile(
            endpoint=self.config.get("endpoint") or "sms.tencentcloudapi.com",
            protocol=self.config.get("protocol") or "https",
            reqTimeout=int(max(settings.NOTIFICATION_TIMEOUT_SECONDS, 1)),
        )
        self.client = sms_client.SmsClient(
            credential.Credential(self.config["secret_id"], self.config["secret_key"]),
            self.config.get("region") or "ap-guangzhou",
            ClientProfile(httpProfile=profile),
        )

    def send(self, message: OutboxMessage, key: str) -> str:
        from tencentcloud.sms.v20210111 import models as sms

        template = _template(message)
        if not template.get("sms_template"):
            raise NotConfigured(f"模板 {message.template or '（无）'} 没有腾讯云模板 ID sms_template")
        request = sms.SendSmsRequest()
        request.PhoneNumberSet = [f"+86{message.recipient}"]
        request.SmsSdkAppId = self.config["app_id"]
        request.SignName = _county_settings().sign_name
        request.TemplateId = template["sms_template"]
        request.TemplateParamSet = [str(message.params.get(n, "")) for n in template.get("sms_params", [])]
        request.SessionContext = key
        status = self.client.SendSms(request).SendStatusSet[0]
        if status.Code != "Ok":
            raise Refused(f"腾讯云短信 {status.Code}: {status.Message}")
        return str(status.SerialNo or "")

    def delivered(self, key: str, message: OutboxMessage) -> bool:
        """Whether a status report for this key came back (PullSmsSendStatusByPhoneNumber; the
        SDK app must allow pulling reports). Without one the message is sent again."""
        from tencentcloud.sms.v20210111 import models as sms

        since = message.created_at - dt.timedelta(minutes=5)
        request = sms.PullSmsSendStatusByPhoneNumberRequest()
        request.BeginTime = int(since.timestamp())
        request.Offset, request.Limit = 0, 100
        request.PhoneNumber = f"+86{message.recipient}"
        request.SmsSdkAppId = self.config["app_id"]
        statuses = self.client.PullSmsSendStatusByPhoneNumber(request).PullSmsSendStatusSet or []
        return any(status.SessionContext == key for status in statuses)


def _escaped(value: Any) -> str:
    """A value placed inside a JSON string of the request template."""
    return json.dumps(str(value), ensure_ascii=False)[1:-1]


class HttpSmsChannel:
    """A provincial 政务短信平台 over HTTP: the request body is a template from settings, with
    ``${phone}``, ``${content}`` (签名 included), ``${sign}``, ``${template}``, ``${params}``
    (JSON) and ``${key}``; success is a field of the JSON answer equal to a value."""

    def __init__(self) -> None:
        self.config = _config("http_sms")
        _require(self.config, "url", "body", gateway="政务短信平台")

    def send(self, message: OutboxMessage, key: str) -> str:
        county = _county_settings()
        template = _template(message)
        values = {
            "phone": message.recipient,
            "content": sms_text(message.body, county.sign_name),
            "sign": county.sign_name,
            "template": template.get("sms_template", ""),
            "params": json.dumps(message.params, ensure_ascii=False),
            "key": key,
        }
        body = Template(self.config["body"]).substitute({k: _escaped(v) for k, v in values.items()})
        headers = {"Content-Type": self.config.get("content_type") or "application/json; charset=utf-8"}
        if self.config.get("token"):
            headers["Authorization"] = f"Bearer {self.config['token']}"
        answer = requests.post(
            self.config["url"],
            data=body.encode("utf-8"),
            headers=headers,
            timeout=settings.NOTIFICATION_TIMEOUT_SECONDS,
        )
        if answer.status_code >= 500:
            answer.raise_for_status()  # the platform's trouble: retried
        try:
            data = answer.json()
        except ValueError as exc:
            raise Refused(f"政务短信平台 HTTP {answer.status_code}: 应答不是 JSON") from exc
        field, _, expected = (self.config.get("success") or "code=0").partition("=")
        if str(data.get(field)) != expected:
            raise Refused(
                f"政务短信平台 {field}={data.get(field)}: {data.get('msg') or data.get('message', '')}"
            )
        return str(data.get(self.config.get("id_field") or "msgid", "") or "")


class WeChatChannel:
    """订阅消息 to the citizen's openid in the county's 公众号 (``bizsend``) or 小程序
    (``subscribe/send``), through wechatpy; the phone must be bound (``WeChatBinding``)."""

    def __init__(self) -> None:
        from wechatpy import WeChatClient

        self.config = _config("wechat")
        _require(self.config, "appid", "secret", gateway="微信")
        base = (self.config.get("api_base") or "https://api.weixin.qq.com/").rstrip("/") + "/"
        timeout = settings.NOTIFICATION_TIMEOUT_SECONDS

        class Client(WeChatClient):
            """The official host, or the one settings name (a proxy; the tests' fake)."""

            def _request(self, method: str, url_or_endpoint: str, **kwargs: Any) -> Any:
                if not url_or_endpoint.startswith(("http://", "https://")):
                    api_base = kwargs.pop("api_base_url", self.API_BASE_URL)
                    url_or_endpoint = api_base + url_or_endpoint
                url_or_endpoint = url_or_endpoint.replace("https://api.weixin.qq.com/", base)
                return super()._request(method, url_or_endpoint, **kwargs)

            def fetch_access_token(self) -> Any:
                return self._fetch_access_token(
                    url=base + "cgi-bin/token",
                    params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
                )

        self.client = Client(self.config["appid"], self.config["secret"], timeout=timeout, auto_retry=False)
        self.app = self.config.get("app") or "mp"

    def send(self, message: OutboxMessage, key: str) -> str:
        from wechatpy.exceptions import WeChatClientException

        binding = WeChatBinding.objects.filter(phone=message.recipient, app=self.app).first()
        if binding is None:
            raise Refused(f"{message.recipient[:3]}**** 未绑定微信")
        template = _template(message)
        if not template.get("wechat_template"):
            raise NotConfigured(f"模板 {message.template or '（无）'} 没有微信模板 wechat_template")
        data = {
            field: {"value": str(message.params.get(name, ""))[:20]}
            for field, name in template.get("wechat_fields", {}).items()
        }
        try:
            if self.app == "miniprogram":
                result = self.client.wxa.send_subscribe_message(
                    binding.openid, template["wechat_template"], data
                )
            else:
                result = self.client.message.send_subscribe_message(
                    binding.openid, template["wechat_template"], data
                )
        except WeChatClientException as exc:
            if exc.errcode is None:  # HTTP trouble, not WeChat's answer: retried
                raise ConnectionError(str(exc)) from exc
            raise Refused(f"微信 {exc.errcode}: {exc.errmsg}") from exc
        return str((result or {}).get("msgid", "") or "")


class InAppChannel:
    """站内信: the row is the staff member's inbox item; sending is recording it as sent."""

    def send(self, message: OutboxMessage, key: str) -> str:
        return ""
