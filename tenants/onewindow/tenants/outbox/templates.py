"""Message templates: ``{variable}`` placeholders, rendered with a county's values; the SMS
length rule (70 characters in one segment, 签名 and its 【】 included; a longer message goes
in segments of 67)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from onewindow.platform.core.errors import BusinessError

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
SINGLE_SEGMENT = 70  # GSM 03.38 UCS-2: 70 characters in one message …
LONG_SEGMENT = 67  # … and 67 per segment once it is split (the rest is the joining header)


def variables(text: str) -> list[str]:
    """The placeholders of ``text``, in order of first use."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def render(text: str, values: Mapping[str, Any], *, field: str = "template") -> str:
    missing = [name for name in variables(text) if name not in values]
    if missing:
        raise BusinessError("MISSING_VARIABLE", f"模板缺少变量 {'、'.join(missing)}", field=field)
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), text)


@dataclass(frozen=True)
class SmsLength:
    characters: int  # what the phone shows, 签名 included
    segments: int

    @property
    def label(self) -> str:
        return f"{self.characters} 字，{self.segments} 条"


def sms_text(body: str, sign_name: str) -> str:
    return f"【{sign_name}】{body}" if sign_name else body


def sms_length(body: str, sign_name: str) -> SmsLength:
    n = len(sms_text(body, sign_name))
    return SmsLength(n, 1 if n <= SINGLE_SEGMENT else math.ceil(n / LONG_SEGMENT))
