"""Personal data in free text: 身份证号 and mainland mobile numbers, found in Chinese text.

``\\b`` does not separate CJK characters from digits (both are ``\\w``), so
``身份证号150626198406130002，电话13930790605`` has no word boundary before either number:
the patterns here look at the neighbouring characters instead (no digit or Latin letter on
either side). Used by the log filter, Sentry's ``before_send`` and the masked county export.
"""

from __future__ import annotations

import re
from typing import Any

from onewindow.platform.core.identifiers import mask

REDACTED = "[已脱敏]"
_EDGE_BEFORE = r"(?<![0-9A-Za-z])"
_EDGE_AFTER = r"(?![0-9A-Za-z])"
# 18-character 身份证号 (last may be X), the old 15-digit one, a mobile with or without +86
PATTERN = re.compile(
    _EDGE_BEFORE
    + r"(?:\d{17}[\dXx]|\d{15}|(?:\+?86[- ]?)?1[3-9]\d{9}|1[3-9]\d[- ]\d{4}[- ]\d{4})"
    + _EDGE_AFTER
)
# PostgreSQL's constraint detail: "Key (id_number)=(150626…) already exists."
_KEY_DETAIL = re.compile(r"(Key \([^)]*\)=\()(.*?)(\)( already exists| is not present|\s|$))", re.S)


def redact(text: str) -> str:
    """``text`` with every 身份证号 and phone number, and any constraint's key value, removed."""
    text = _KEY_DETAIL.sub(lambda m: m.group(1) + REDACTED + m.group(3), text)
    return PATTERN.sub(REDACTED, text)


def mask_text(text: str) -> str:
    """``text`` with every 身份证号 and phone number masked (150***********0002)."""
    return PATTERN.sub(lambda m: mask(m.group(0)), text)


def redact_all(value: Any) -> Any:
    """Every string in a JSON-like value, redacted."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: redact_all(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_all(v) for v in value]
    return value


__all__ = ["PATTERN", "REDACTED", "mask_text", "redact", "redact_all"]
