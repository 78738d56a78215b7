"""Log records carry the county and the request id (JSON logs in production), and never
personal data: 身份证号 and phone numbers are redacted from every message and traceback
(an IntegrityError's detail names the duplicate key's value)."""

from __future__ import annotations

import logging

from onewindow.platform.core import context
from onewindow.platform.core.pii import redact


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.county = context.county_code.get()
        record.request_id = context.request_id.get()
        return True


_plain = logging.Formatter()


class PersonalDataFilter(logging.Filter):
    """Redacts the message, its arguments and the exception text before any formatter runs."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what there is, redacted
            message = f"{record.msg} {record.args}"
        record.msg, record.args = redact(message), None
        if record.exc_info:
            record.exc_text = redact(_plain.formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
