"""Log records carry the county and the request id (JSON logs in production)."""

from __future__ import annotations

import logging

from onewindow.platform.core import context


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.county = context.county_code.get()
        record.request_id = context.request_id.get()
        return True
