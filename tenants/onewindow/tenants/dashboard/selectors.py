"""领导驾驶舱's numbers, aggregated in SQL: nine statements at most, whatever the case count.

Definitions (the page states them too):

- A week runs Monday to Sunday, county time; the last week is the week of today.
- 收件 (received): cases received in the week. A 一件事 bundle counts once: its sub-cases are
  left out here, as on every case list.
- 办结 (decided): cases decided (准予 or 不予许可) in the week. On time when decided on or before
  the due date (a 即办件 is decided at the desk, on time); 按时办结率 = on time / decided.
- 超期 (overdue) in a week: cases whose due date fell in the week (and has passed) that were not
  decided by it: decided later, or still in the back office with the clock running. 当前超期
  is today's count of the latter, the 超期与挂牌警示 list.
- 好评率 = reviews rated 3–5 (非常满意 / 满意 / 基本满意) / all reviews given in the week, case and
  visit reviews alike; 1–2 is 差评 (GB/T 39734, ``Review.is_bad``).
- Open 办不成事 (not yet 销号) and open 差评 work orders (not archived), by their age in natural
  days since registration / opening: 0–3, 4–7, 8–15, more than 15.
- The ranking: the most recent assessment period that has been closed (公示中 or 已定稿), of any
  rule set, its top rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncDate, TruncWeek

from onewindow.platform.core import clock
from onewindow.tenants.cases.models import Case, CaseStatus
from onewindow.tenants.cases.selectors import overdue
from onewindow.tenants.fallback.models import FallbackCase, FallbackStatus
from onewindow.tenants.hall.models import Department, StaffMember, Window
from onewindow.tenants.reviews.models import Review
from onewindow.tenants.scoring.models import Period, PeriodStatus, Result
from onewindow.tenants.workorders.models import OrderStatus, WorkOrder

TZ = clock.COUNTY_TZ
GOOD_REVIEW = Q(level__gte=3)  # 差评 is 1–2 (Review.is_bad); the rest is 好评
# (label, lowest age, highest age or None) in natural days
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("3天以内", 0, 3),
    ("4–7天", 4, 7),
    ("8–15天", 8, 15),
    ("15天以上", 16, None),
)
_SUBJECT_MODELS: dict[str, Any] = {"department": Department, "window": Window, "staff": StaffMember}


@dataclass(frozen=True)
class Week:
    starts_on: dt.date
    received: int = 0
    decided: int = 0
    decided_on_time: int = 0
    overdue: int = 0
    reviews: int = 0
    good_reviews: int = 0

    @property
    def ends_on(self) -> dt.date:
        return self.starts_on + dt.timedelta(days=6)

    @property
    def on_time_rate(self) -> float | None:
        return self.decided_on_time / self.decided if self.decided else None

    @property
    def good_rate(self) -> float | None:
        return self.good_reviews / self.reviews if self.reviews else None


@dataclass(frozen=True)
class AgeBucket:
    label: str
    min_days: int
    max_days: int | None
    fallback: int
    work_orders: int


@dataclass(frozen=True)
class RankingRow:
    rank: int
    subject: str
    name: str
    total: Decimal
    vetoed: bool


@dataclass(frozen=True)
class Ranking:
    rule_set: str
    rule_set_name: str
    subject_kind: str
    starts_on: dt.date
    ends_on: dt.date
    status: str
    rows: list[RankingRow]


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    weeks: list[Week]  # oldest first; the last is this week
    overdue_now: int
    ages: list[AgeBucket]
    ranking: Ranking | None

    @property
    def this_week(self) -> Week:
        return self.weeks[-1]

    @property
    def open_fallback(self) -> int:
        return sum(b.fallback for b in self.ages)

    @property
    def open_work_orders(self) -> int:
        return sum(b.work_orders for b in self.ages)


def dashboard(weeks: int = 12, top: int = 10, today: dt.date | None = None) -> Dashboard:
    today = today or clock.today()
    monday = today - dt.timedelta(days=today.weekday())
    first = monday - dt.timedelta(weeks=weeks - 1)
    starts = [first + dt.timedelta(weeks=i) for i in range(weeks)]
    received = _by_week(
        Case.objects.filter(parent__isnull=True, received_at__gte=_start_of(first)),
        TruncWeek("received_at", tzinfo=TZ),
        received=Count("id"),
    )
    decided = _by_week(
        Case.objects.filter(parent__isnull=True, decided_at__gte=_start_of(first)).annotate(
            decided_day=TruncDate("decided_at", tzinfo=TZ)
        ),
        TruncWeek("decided_at", tzinfo=TZ),
        decided=Count("id"),
        decided_on_time=Count("id", filter=Q(due_on__isnull=True) | Q(decided_day__lte=F("due_on"))),
    )
    late = _by_week(
        Case.objects.filter(parent__isnull=True, due_on__gte=first, due_on__lt=today)
        .annotate(decided_day=TruncDate("decided_at", tzinfo=TZ))
        .filter(
            Q(decided_day__gt=F("due_on"))
            | Q(decided_at__isnull=True, status=CaseStatus.ACCEPTED, paused=False)
        ),
        TruncWeek("due_on"),
        overdue=Count("id"),
    )
    reviews = _by_week(
        Review.objects.filter(created_at__gte=_start_of(first)),
        TruncWeek("created_at", tzinfo=TZ),
        reviews=Count("id"),
        good_reviews=Count("id", filter=GOOD_REVIEW),
    )
    points = []
    for start in starts:
        counts: dict[str, int] = {}
        for found in (received, decided, late, reviews):
            counts |= found.get(start, {})
        points.append(Week(starts_on=start, **counts))
    return Dashboard(
        today=today,
        weeks=points,
        overdue_now=overdue(Case.objects.filter(parent__isnull=True), today).count(),
        ages=_ages(today),
        ranking=latest_ranking(top),
    )


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=TZ)


def _by_week(qs: QuerySet[Any], week: Any, **aggregates: Any) -> dict[dt.date, dict[str, int]]:
    """One GROUP BY statement: ``{week's Monday: {name: count}}``."""
    rows = qs.order_by().annotate(week=week).values("week").annotate(**aggregates)
    out: dict[dt.date, dict[str, int]] = {}
    for row in rows:
        key = row.pop("week")
        if isinstance(key, dt.datetime):
            key = key.astimezone(TZ).date()
        out[key] = row
    return out


def _ages(today: dt.date) -> list[AgeBucket]:
    """Two statements: each table's open rows counted into every bucket at once."""
    fallback = FallbackCase.objects.exclude(status=FallbackStatus.CLOSED).aggregate(
        **{
            f"b{i}": Count("id", filter=_age(today, lo, hi, "registered_at", True))
            for i, (_, lo, hi) in enumerate(AGE_BUCKETS)
        }
    )
    orders = WorkOrder.objects.exclude(status=OrderStatus.ARCHIVED).aggregate(
        **{
            f"b{i}": Count("id", filter=_age(today, lo, hi, "opened_on", False))
            for i, (_, lo, hi) in enumerate(AGE_BUCKETS)
        }
    )
    return [
        AgeBucket(label, lo, hi, fallback[f"b{i}"], orders[f"b{i}"])
        for i, (label, lo, hi) in enumerate(AGE_BUCKETS)
    ]


def _age(today: dt.date, lo: int, hi: int | None, field: str, moment: bool) -> Q:
    """Rows whose age in natural days (today − the day of ``field``) is in [lo, hi]."""
    q = Q()
    if lo > 0:  # day <= today - lo
        last = today - dt.timedelta(days=lo)
        q &= Q(
            **{f"{field}__lt": _start_of(last + dt.timedelta(days=1))} if moment else {f"{field}__lte": last}
        )
    if hi is not None:  # day >= today - hi
        earliest = today - dt.timedelta(days=hi)
        q &= Q(**{f"{field}__gte": _start_of(earliest) if moment else earliest})
    return q


def latest_ranking(top: int = 10) -> Ranking | None:
    """The latest closed period's top ``top`` rows, with the subjects' names (two statements)."""
    period = (
        Period.objects.filter(status__in=[PeriodStatus.POSTED, PeriodStatus.FINAL])
        .select_related("rule_set")
        .order_by("-ends_on", "-closed_at", "-id")
        .first()
    )
    if period is None:
        return None
    kind = period.rule_set.subject
    names = _SUBJECT_MODELS[kind].objects.filter(code=OuterRef("subject")).values("name")[:1]
    rows = (
        Result.objects.filter(period=period, rank__isnull=False)  # unranked: a measured input missing
        .annotate(name=Subquery(names))
        .order_by("rank", "subject")
        .values_list("rank", "subject", "name", "total", "vetoed")[:top]
    )
    return Ranking(
        rule_set=period.rule_set.code,
        rule_set_name=period.rule_set.name,
        subject_kind=kind,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        status=period.status,
        rows=[RankingRow(r or 0, s, n or s, t, v) for r, s, n, t, v in rows],  # ranked rows only
    )
