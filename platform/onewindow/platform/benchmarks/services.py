"""Writes of the province's comparison: publishing a period's names."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from onewindow.platform.audit.services import record_platform_event
from onewindow.platform.benchmarks import periods
from onewindow.platform.benchmarks.models import Publication
from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError


@transaction.atomic
def set_publication(period: str, day: dt.date, *, published: bool, actor: object) -> bool:
    """公布 (or withdraw) the counties' names in every league table of the period containing ``day``."""
    if period not in ("week", "month", "quarter", "year"):
        raise BusinessError("INVALID_VALUE", "期间须为 week、month、quarter 或 year", field="period")
    start, _ = periods.bounds(period, day)
    label = getattr(actor, "username", str(actor))
    if published:
        _, created = Publication.objects.get_or_create(
            period=period, starts_on=start, defaults={"published_at": clock.now(), "published_by": label}
        )
        changed = created
    else:
        changed = Publication.objects.filter(period=period, starts_on=start).delete()[0] > 0
    if changed:
        record_platform_event(
            "benchmarks.published" if published else "benchmarks.withdrawn",
            "Publication",
            actor=actor,
            data={"period": period, "starts_on": start.isoformat()},
        )
    return published
