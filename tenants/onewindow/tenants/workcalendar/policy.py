"""The working calendar's slice of the policy pack: the county's own closed and working days."""

from __future__ import annotations

import datetime as dt
from typing import Any

from onewindow.tenants.policy.base import (
    PackContext,
    Slice,
    Strict,
    Text,
    choice,
    columns,
    read_row,
    write_row,
)
from onewindow.tenants.workcalendar.models import CalendarOverride, OverrideKind


class OverrideSpec(Strict):
    date: dt.date
    kind: choice(OverrideKind)  # type: ignore[valid-type]
    reason: Text


class _Overrides(Slice):
    """Keyed by date; a day left out is deleted (an override has no history to keep)."""

    def export(self) -> Any:
        return [{"date": o.date, **read_row(o, self.columns)} for o in self.model.objects.all()]

    def rows(self) -> dict[str, Any]:
        return {o.date.isoformat(): o for o in self.model.objects.all()}

    def apply(self, entries: Any, ctx: PackContext) -> dict[str, Any]:
        wanted = {o.date: o for o in entries}
        self.model.objects.exclude(date__in=list(wanted)).delete()
        return {
            day.isoformat(): self.model.objects.update_or_create(
                date=day, defaults=write_row(o, self.columns, ctx)
            )[0]
            for day, o in wanted.items()
        }


CALENDAR_OVERRIDES = _Overrides(
    "calendar_overrides", OverrideSpec, CalendarOverride, columns("kind", "reason"), key="date"
)

__all__ = ["CALENDAR_OVERRIDES", "OverrideSpec"]
