"""The left menu, by what the user may do here (the API's permissions, not role names)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    needs: frozenset[str]  # any one of these permissions shows the entry; empty: everyone


_COUNTY_MENU: list[tuple[str, list[Entry]]] = [
    ("工作台", [Entry("我的工作台", "bff:home", frozenset())]),
    (
        "办件",
        [
            Entry("综合受理", "bff:intake", frozenset({"case.intake"})),
            Entry("后台审批", "bff:approvals", frozenset({"case.decide", "case.process"})),
            Entry("综合出件", "bff:issuance", frozenset({"case.issue"})),
        ],
    ),
]

_PLATFORM_MENU: list[tuple[str, list[Entry]]] = [
    ("省级平台", [Entry("选择县", "bff-platform:home", frozenset())]),
]


def menu_for(perms: set[str], *, in_county: bool, path: str) -> list[dict[str, object]]:
    sections = []
    for title, entries in _COUNTY_MENU if in_county else _PLATFORM_MENU:
        items = []
        for entry in entries:
            if entry.needs and not entry.needs & perms:
                continue
            url = reverse(entry.url_name)
            items.append({"label": entry.label, "url": url, "active": _active(url, path)})
        if items:
            sections.append({"title": title, "items": items})
    return sections


def _active(url: str, path: str) -> bool:
    home = url.rstrip("/").count("/") <= 2  # /c/<code>/ itself: only an exact match
    return path == url if home else path.startswith(url)
