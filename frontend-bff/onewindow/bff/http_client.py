"""The BFF deployed apart from the API: operations travel over HTTP with the caller's session.

The browser's session cookie (and CSRF token, for mutations) is forwarded as is, so the API
sees the same user and applies the same checks as it would for the browser itself.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from onewindow.bff.client import Response


def _forwarded_for(request: HttpRequest) -> str:
    chain = request.META.get("HTTP_X_FORWARDED_FOR", "")
    address = request.META.get("REMOTE_ADDR", "")
    return f"{chain}, {address}" if chain and address else chain or address


class HttpGraphQLClient:
    timeout = 30.0

    def execute(
        self, request: HttpRequest, document: str, variables: dict[str, Any], *, platform: bool
    ) -> Response:
        base = settings.BFF_GRAPHQL_URL.rstrip("/")
        county = getattr(request, "tenant", None)
        url = f"{base}/graphql" if platform else f"{base}/c/{county.code}/graphql"  # type: ignore[union-attr]
        anonymous = getattr(request, "bff_anonymous", False)  # 群众 pages ask as nobody
        csrf = "" if anonymous else request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
        headers = {
            "Content-Type": "application/json",
            "Cookie": "" if anonymous else request.META.get("HTTP_COOKIE", ""),
            "X-CSRFToken": csrf,
            "Referer": base + "/",
            "X-Request-ID": request.META.get("HTTP_X_REQUEST_ID", ""),
            # the client's address, for the API's rate limits (it trusts it from the BFF only:
            # ONEWINDOW_TRUSTED_PROXIES)
            "X-Forwarded-For": _forwarded_for(request),
        }
        payload = json.dumps({"query": document, "variables": variables}).encode()
        call = urllib.request.Request(url, data=payload, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(call, timeout=self.timeout) as answer:
                return Response(answer.status, json.loads(answer.read() or b"{}"))
        except urllib.error.HTTPError as err:
            try:
                body = json.loads(err.read() or b"{}")
            except ValueError:
                body = {}
            return Response(err.code, body if isinstance(body, dict) else {})
        except (urllib.error.URLError, TimeoutError, ValueError):
            unavailable = {"errors": [{"message": "接口暂时不可用", "extensions": {"code": "UNAVAILABLE"}}]}
            return Response(503, unavailable)
