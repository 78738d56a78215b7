"""Sentry, when ``SENTRY_DSN`` is set. Personal data never leaves the machine."""

from __future__ import annotations

import os
import re
from typing import Any

# 身份证号 (18 chars) and mainland mobile numbers: scrubbed from anything sent.
_PII = re.compile(r"\b(\d{17}[\dXx]|1[3-9]\d{9})\b")


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return _PII.sub("[已脱敏]", value)
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def before_send(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("data", None)
        request.pop("cookies", None)
        headers = request.get("headers") or {}
        for name in list(headers):
            if name.lower() in {"authorization", "cookie", "x-csrftoken"}:
                headers[name] = "[Filtered]"
    scrubbed: dict[str, Any] = _scrub(event)
    return scrubbed


def init_sentry(dsn: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.graphene import GrapheneIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        integrations=[DjangoIntegration(), CeleryIntegration(), GrapheneIntegration()],
        send_default_pii=False,
        before_send=before_send,  # type: ignore[arg-type]
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
