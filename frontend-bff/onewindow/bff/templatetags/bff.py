"""Small template helpers shared by every page: field errors, status labels, dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

CASE_STATUS = {
    "RECEIVED": ("已收件", "blue"),
    "CORRECTION_REQUIRED": ("待补正", "orange"),
    "REFUSED": ("不予受理", "red"),
    "ACCEPTED": ("审批中", "blue"),
    "APPROVED": ("已办结·待出件", "green"),
    "DENIED": ("不予许可", "red"),
    "ISSUED": ("已出件", "green"),
}


@register.simple_tag
def field_errors(errors: dict[str, list[Any]] | None, name: str) -> str:
    """The API's errors for one input, each with its code and message, beside the field."""
    found = (errors or {}).get(name) or []
    if not found:
        return ""
    return format_html_join(
        "",
        '<div class="field-error" role="alert"><code>{}</code>{}</div>',
        ((e.code, e.message) for e in found),
    )


@register.simple_tag
def has_error(errors: dict[str, list[Any]] | None, name: str) -> str:
    return " has-error" if (errors or {}).get(name) else ""


@register.filter
def case_status(status: str) -> str:
    label, colour = CASE_STATUS.get(status, (status, ""))
    return format_html('<span class="tag {}">{}</span>', colour, label)


@register.filter
def when(value: str | None) -> str:
    """An ISO date or datetime from the API, as hall staff read it (county time)."""
    if not value:
        return "—"
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) <= 10:
        return moment.strftime("%Y-%m-%d")
    shanghai = dt.timezone(dt.timedelta(hours=8))
    return moment.astimezone(shanghai).strftime("%Y-%m-%d %H:%M")


@register.filter
def get(mapping: dict[str, Any] | None, key: str) -> Any:
    return (mapping or {}).get(key)


@register.filter
def getlist(query: Any, key: str) -> list[str]:
    return list(query.getlist(key)) if hasattr(query, "getlist") else []
