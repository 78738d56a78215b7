"""County calendar overrides (county admins and centre managers)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from onewindow.platform.core.errors import BusinessError, NotFound
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.workcalendar.models import CalendarOverride, OverrideKind


@transaction.atomic
def set_calendar_override(
    date: dt.date, kind: str, reason: str, *, actor: object | None = None
) -> CalendarOverride:
    if kind not in OverrideKind.values:
        raise BusinessError("INVALID_KIND", f"类型 {kind} 无效", field="kind")
    if not reason.strip():
        raise BusinessError("REQUIRED", "请填写原因", field="reason")
    override, _ = CalendarOverride.objects.update_or_create(
        date=date, defaults={"kind": kind, "reason": reason.strip()}
    )
    record_event(
        "calendar.override_set",
        override,
        actor=actor,
        data={"date": date.isoformat(), "kind": kind, "reason": override.reason},
    )
    return override


@transaction.atomic
def remove_calendar_override(date: dt.date, *, actor: object | None = None) -> None:
    override = CalendarOverride.objects.filter(date=date).first()
    if override is None:
        raise NotFound(f"{date} 的日历调整", field="date")
    record_event("calendar.override_removed", override, actor=actor, data={"date": date.isoformat()})
    override.delete()
