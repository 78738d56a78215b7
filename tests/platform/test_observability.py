"""Logs carry the county and request id; Sentry events lose personal data before they leave."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from onewindow.platform.core.observability import before_send

pytestmark = pytest.mark.django_db


def test_log_records_carry_the_county_and_request_id(client: Client) -> None:
    from onewindow.platform.core.logging import ContextFilter

    seen: list[tuple[str, str]] = []

    class Spy(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append((record.county, record.request_id))  # type: ignore[attr-defined]

    handler = Spy()
    handler.addFilter(ContextFilter())
    logger = logging.getLogger("django.request")  # logs every 404 while the request is served
    logger.addHandler(handler)
    try:
        client.get("/c/331081/no-such-page", HTTP_X_REQUEST_ID="req-42")
        logger.warning("outside any request")
    finally:
        logger.removeHandler(handler)
    assert seen == [("331081", "req-42"), ("-", "-")]


def test_sentry_events_are_scrubbed() -> None:
    event = {
        "message": "办件 失败 身份证 11010519491231002X 电话 13800138000",
        "request": {
            "data": {"idcard": "x"},
            "cookies": {"sessionid": "s"},
            "headers": {"Authorization": "Bearer ow_x"},
        },
        "extra": {"nested": ["13912345678"]},
    }
    out = before_send(event, {})
    assert (
        "11010519491231002X" not in str(out)
        and "13800138000" not in str(out)
        and "13912345678" not in str(out)
    )
    assert "data" not in out["request"] and "cookies" not in out["request"]
    assert out["request"]["headers"]["Authorization"] == "[Filtered]"
