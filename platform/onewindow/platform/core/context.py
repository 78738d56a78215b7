"""Request/task context carried in contextvars, read by logging and Sentry."""

from __future__ import annotations

from contextvars import ContextVar

county_code: ContextVar[str] = ContextVar("onewindow_county", default="-")
request_id: ContextVar[str] = ContextVar("onewindow_request_id", default="-")
