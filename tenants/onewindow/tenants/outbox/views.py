"""Delivery receipts pushed by an SMS gateway: ``POST /c/<county>/hooks/notifications/<gateway>``,
and replies (上行短信, 退订) at ``…/<gateway>/replies``, with ``?token=``
(``ONEWINDOW_NOTIFICATION_RECEIPT_TOKEN``); answered the way each gateway expects, so it does
not push the same report again."""

from __future__ import annotations

import hmac
import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from onewindow.platform.core.errors import BusinessError
from onewindow.platform.core.http import error_response
from onewindow.tenants.outbox.receipts import opt_out_phones, parse, record_receipts
from onewindow.tenants.outbox.subscribers import opt_out

ANSWERS = {
    "aliyun_sms": {"code": 0, "msg": "成功"},
    "tencent_sms": {"result": 0, "errmsg": "OK"},
    "http_sms": {"code": 0, "msg": "ok"},
}


def _refused(request: HttpRequest, gateway: str) -> HttpResponse | None:
    expected = settings.NOTIFICATION_RECEIPT_TOKEN
    if not expected or not hmac.compare_digest(request.GET.get("token", ""), expected):
        return error_response(403, "FORBIDDEN", "回执令牌无效")
    if gateway not in ANSWERS:
        return error_response(404, "NOT_FOUND", f"未知的回执来源 {gateway}")
    return None


@csrf_exempt
@require_POST
def delivery_receipt(request: HttpRequest, gateway: str) -> HttpResponse:
    refused = _refused(request, gateway)
    if refused:
        return refused
    try:
        receipts = parse(gateway, json.loads(request.body.decode("utf-8")))
    except (ValueError, UnicodeDecodeError):
        return error_response(400, "INVALID_RECEIPT", "回执不是 JSON")
    except BusinessError as err:
        return error_response(400, err.code, err.message)
    record_receipts(receipts)
    return JsonResponse(ANSWERS[gateway], json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@require_POST
def reply(request: HttpRequest, gateway: str) -> HttpResponse:
    """上行短信: a reply of 退订 / TD opts the phone out of 非必要 messages."""
    refused = _refused(request, gateway)
    if refused:
        return refused
    try:
        phones = opt_out_phones(gateway, json.loads(request.body.decode("utf-8")))
    except (ValueError, UnicodeDecodeError):
        return error_response(400, "INVALID_RECEIPT", "上行短信不是 JSON")
    except BusinessError as err:
        return error_response(400, err.code, err.message)
    for phone in phones:
        try:
            opt_out(phone, actor="system")
        except BusinessError:
            continue  # not a mobile number of ours: nothing to opt out
    return JsonResponse(ANSWERS[gateway], json_dumps_params={"ensure_ascii": False})
