"""The one clock. Code asks ``clock.now()`` / ``clock.today()``; tests freeze it.

Calendar maths happens in the county's time zone (Asia/Shanghai for every county today),
storage in UTC (ARCHITECTURE §5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from zoneinfo import ZoneInfo

COUNTY_TZ = ZoneInfo("Asia/Shanghai")

_frozen: ContextVar[dt.datetime | None] = ContextVar("onewindow_frozen_now", default=None)


def now() -> dt.datetime:
    """The current moment, timezone-aware (UTC)."""
    frozen = _frozen.get()
    return frozen if frozen is not None else dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """Today's date in the county's time zone."""
    return now().astimezone(COUNTY_TZ).date()


@contextmanager
def frozen_at(moment: dt.datetime | str) -> Iterator[dt.datetime]:
    """Freeze ``now()`` at ``moment`` (naive values are county time) for the block."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=COUNTY_TZ)
    token = _frozen.set(moment.astimezone(dt.UTC))
    try:
        yield moment
    finally:
        _frozen.reset(token)
