"""The inbound API the 12345 platform calls: ``POST /c/<code>/api/12345/orders``.

A county API token (``Authorization: Bearer ow_…``) of an account allowed to receive 12345
orders, and an ``Idempotency-Key`` header: the same key with the same body gives the order it
created (200, ``Idempotent-Replayed: true``), never a second one. Request, responses and errors:
docs/hotline-api.md."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from onewindow.platform.accounts.roles import Perm, permissions_for
from onewindow.platform.accounts.services import roles_in
from onewindow.platform.core import identifiers
from onewindow.platform.core.errors import BusinessError, ErrorDetail
from onewindow.platform.core.http import error_response
from onewindow.tenants.hotline.models import HotlineOrder
from onewindow.tenants.hotline.services import IdempotencyConflict, receive_order

MAX_BODY = 64 * 1024


def _errors(status: int, details: list[ErrorDetail]) -> JsonResponse:
    return JsonResponse(
        {
            "errors": [
                {
                    "message": d.message,
                    "extensions": {"code": d.code, **({"field": d.field} if d.field else {})},
                }
                for d in details
            ]
        },
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def order_json(order: HotlineOrder) -> dict[str, Any]:
    return {
        "number": order.number,
        "hotlineNumber": order.hotline_number,
        "status": order.status,
        "step": order.step,
        "stepDueOn": order.step_due_on.isoformat() if order.step_due_on else None,
        "department": order.department.code if order.department else None,
        "receivedAt": order.received_at.isoformat(),
        "applicantPhone": identifiers.mask(order.applicant_phone) if order.applicant_phone else "",
    }


@csrf_exempt  # a token, never a cookie, authenticates this endpoint (refused below otherwise)
def inbound(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        response = error_response(405, "METHOD_NOT_ALLOWED", "请用 POST")
        response["Allow"] = "POST"
        return response
    if getattr(request, "api_token", None) is None:
        return error_response(401, "UNAUTHENTICATED", "须用本县的 API 令牌（Authorization: Bearer ow_…）")
    roles = roles_in(request.api_token.user, getattr(request, "tenant", None))  # type: ignore[attr-defined]
    if Perm.HOTLINE_RECEIVE not in permissions_for(tuple(roles)):
        return error_response(403, "PERMISSION_DENIED", "此令牌的账号不能接收 12345 工单")
    if request.content_type != "application/json":
        return error_response(415, "UNSUPPORTED_MEDIA_TYPE", "请求体须为 application/json")
    if len(request.body) > MAX_BODY:
        return error_response(413, "BODY_TOO_LARGE", "请求体不能超过 64 KB")
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return error_response(400, "INVALID_JSON", "请求体不是有效的 JSON")
    try:
        order, replayed = receive_order(
            body, idempotency_key=request.headers.get("Idempotency-Key", ""), actor=request.user
        )
    except IdempotencyConflict as error:
        return _errors(409, error.details)
    except BusinessError as error:
        return _errors(
            400 if error.code in ("IDEMPOTENCY_KEY_REQUIRED", "INVALID_BODY") else 422, error.details
        )
    response = JsonResponse(
        {"order": order_json(order)},
        status=200 if replayed else 201,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Idempotent-Replayed"] = "true" if replayed else "false"
    response["Location"] = reverse("bff:hotline-order", args=[order.number])
    return response
