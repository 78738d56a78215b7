"""Delivery receipts (状态报告 / 回执) pushed by the gateways, recorded on the message.

Each gateway's push has its own shape; ``parse`` turns it into ``Receipt``s. A receipt names
the message by our key (阿里云 ``out_id``; the provincial platform's ``msgid``) or by the
gateway's id (腾讯云 ``sid`` = the SerialNo we kept as ``gateway_id``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError
from onewindow.platform.core.tenancy import active_schema
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.outbox.models import OutboxMessage


@dataclass(frozen=True)
class Receipt:
    key: str  # ``<schema>:<id>``, or ""
    gateway_id: str
    delivered: bool
    code: str
    at: dt.datetime | None


def _when(value: Any) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value).replace("T", " ").replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=clock.COUNTY_TZ)


def parse(gateway: str, payload: Any) -> list[Receipt]:
    items = payload if isinstance(payload, list) else [payload]
    receipts = []
    for item in items:
        if not isinstance(item, dict):
            raise BusinessError("INVALID_RECEIPT", "回执格式无效", field="body")
        if gateway == "aliyun_sms":  # SmsReport: success, err_code, biz_id, out_id, report_time
            receipts.append(
                Receipt(
                    str(item.get("out_id", "")),
                    str(item.get("biz_id", "")),
                    bool(item.get("success")),
                    str(item.get("err_code", "")),
                    _when(item.get("report_time")),
                )
            )
        elif gateway == "tencent_sms":  # report_status SUCCESS|FAIL, errmsg, sid, user_receive_time
            receipts.append(
                Receipt(
                    "",
                    str(item.get("sid", "")),
                    item.get("report_status") == "SUCCESS",
                    str(item.get("errmsg", "")),
                    _when(item.get("user_receive_time")),
                )
            )
        elif gateway == "http_sms":  # the provincial platform: msgid (our key), status DELIVRD …
            status = str(item.get("status", ""))
            receipts.append(
                Receipt(str(item.get("msgid", "")), "", status == "DELIVRD", status, _when(item.get("time")))
            )
        else:
            raise BusinessError("UNKNOWN_CHANNEL", f"未知的回执来源 {gateway}", field="gateway")
    return receipts


@transaction.atomic
def record_receipts(receipts: list[Receipt]) -> int:
    """Record each receipt on its message of the active county; returns how many matched."""
    schema, matched = active_schema(), 0
    for receipt in receipts:
        found = OutboxMessage.objects.select_for_update()
        if receipt.key:
            county, _, pk = receipt.key.partition(":")
            if county != schema or not pk.isdigit():
                continue
            message = found.filter(pk=int(pk)).first()
        else:
            message = found.filter(gateway_id=receipt.gateway_id).first() if receipt.gateway_id else None
        if message is None:
            continue
        message.receipt_status = "delivered" if receipt.delivered else "undelivered"
        message.receipt_code = receipt.code[:100]
        message.receipt_at = receipt.at or clock.now()
        message.save(update_fields=["receipt_status", "receipt_code", "receipt_at"])
        record_event(
            "notification.receipt",
            message,
            actor="system",
            data={"delivered": receipt.delivered, "code": receipt.code},
        )
        matched += 1
    return matched


OPT_OUT_WORDS = {"TD", "T", "N", "退订", "取消"}


def opt_out_phones(gateway: str, payload: Any) -> list[str]:
    """The phones whose upstream reply (上行短信) asks to 退订: 阿里云 SmsUp (``phone_number``,
    ``content``), 腾讯云 (``mobile``, ``text``), the provincial platform (``mobile``, ``content``)."""
    items = payload if isinstance(payload, list) else [payload]
    phones = []
    for item in items:
        if not isinstance(item, dict):
            raise BusinessError("INVALID_RECEIPT", "上行短信格式无效", field="body")
        phone = str(item.get("phone_number") or item.get("mobile") or "")
        text = str(item.get("content") or item.get("text") or "").strip().upper()
        if phone and text in OPT_OUT_WORDS:
            phones.append(phone.removeprefix("+86"))
    return phones
