"""Finding an item the way a clerk types: part of its name, its code, or the pinyin initials
of its name (“gsdj” → 公司登记…), which is how hall staff search on a keyboard."""

from __future__ import annotations

import re
from functools import lru_cache

from django.db.models import Q, QuerySet
from pypinyin import Style, lazy_pinyin

from onewindow.tenants.catalog.models import ServiceItem

_INITIALS_QUERY = re.compile(r"^[A-Za-z]{2,}$")


@lru_cache(maxsize=20_000)
def pinyin_initials(name: str) -> str:
    """拼音首字母 of a name, lower case; non-Chinese characters are kept as they are."""
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")).lower()


def search_items(items: QuerySet[ServiceItem], text: str) -> QuerySet[ServiceItem]:
    """``items`` whose name or code contains ``text``, or whose name's initials do."""
    text = text.strip()
    if not text:
        return items
    matches = Q(name__icontains=text) | Q(code__icontains=text)
    if _INITIALS_QUERY.match(text):
        wanted = text.lower()
        # A county lists hundreds to a few thousand items: their names fit in memory, and the
        # initials of each name are computed once per process.
        codes = [code for code, name in items.values_list("code", "name") if wanted in pinyin_initials(name)]
        matches |= Q(code__in=codes)
    return items.filter(matches)
