"""Shared set-up for queue tests: the clock at a working Monday in 乌审旗's hours, rules edited
in the test's transaction, and a window that serves what it calls."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from onewindow.platform.core import clock
from onewindow.tenants.queueing.models import QueueSettings, Ticket
from onewindow.tenants.queueing.services import call_next, finish_consultation, take_ticket

MONDAY = dt.date(2026, 11, 30)  # a working day


def at(hhmm: str, day: dt.date = MONDAY) -> Any:
    return clock.frozen_at(dt.datetime.combine(day, dt.time.fromisoformat(hhmm)))


def set_rules(**sections: dict[str, Any]) -> None:
    """Merge ``sections`` into the county's rules (priority={…}, no_show={…} …)."""
    row = QueueSettings.objects.get()
    for name, values in sections.items():
        setattr(row, name, {**getattr(row, name), **values})
    row.save()


def take(queue: str = "A", hhmm: str = "10:00", **kw: Any) -> Ticket:
    with at(hhmm):
        return take_ticket(queue, source=kw.pop("source", "kiosk"), actor="kiosk", **kw)


@contextmanager
def calling(hhmm: str) -> Iterator[None]:
    with at(hhmm):
        yield


def call_and_finish(window: str = "ZC01", hhmm: str = "11:00") -> str | None:
    """Call the next ticket and finish it at once; its number (None: nobody waiting)."""
    with at(hhmm):
        ticket = call_next(window, actor="clerk")
        if ticket is None:
            return None
        finish_consultation(ticket.pk, window=window, actor="clerk")
        return ticket.number
