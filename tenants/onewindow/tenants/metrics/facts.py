"""A county's daily facts, counted inside its own schema: what the province's metrics are made of.

Each fact is attributed to one day (county time) — a case's received facts to the day it was
received, its decided facts to the day it was decided, a work order's to the day it opened, a
办不成事's to the day it was registered — and to a breakdown key where the metric has one
(``dept:<code>``; ``""`` is the county as a whole). ``touched_days`` says which days a set of
changed subjects (from the audit trail) contributes to, so an incremental run recomputes only
those. Nothing personal leaves this module: counts and sums only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate

from onewindow.platform.core import clock
from onewindow.tenants.cases.models import Case, CaseStatus, Channel
from onewindow.tenants.catalog.models import ItemKind, ServiceItem
from onewindow.tenants.escalation.models import Firing
from onewindow.tenants.fallback.models import FallbackCase, FallbackStatus
from onewindow.tenants.hall.models import COMPREHENSIVE_KINDS, WindowKind
from onewindow.tenants.hall.selectors import universal_window_share
from onewindow.tenants.queueing.models import QueueSettings, Ticket
from onewindow.tenants.reviews.models import Review
from onewindow.tenants.workcalendar.calendar import CalendarYearMissing, WorkingCalendar
from onewindow.tenants.workorders.models import WorkOrder

TZ = clock.COUNTY_TZ
Fact = tuple[dt.date, str, str, Decimal]  # (day, fact, key, value)
DECIDED = (CaseStatus.APPROVED, CaseStatus.DENIED, CaseStatus.ISSUED)
FRONT_DESK = (*COMPREHENSIVE_KINDS, WindowKind.BUNDLE)  # 综窗: universal, domain, 一件事
FULLY_ONLINE = 4  # 网办深度 Ⅳ: 全程网办


def _on(qs: QuerySet, field: str, days: set[dt.date] | None, *, moment: str | None = None) -> QuerySet:
    """Rows whose ``field`` (a date) falls on ``days``; for a moment (``moment``: the timestamp
    column the day is read from), as ranges of that column, so its index is used."""
    if days is None:
        return qs
    if moment is None:
        return qs.filter(**{f"{field}__in": sorted(days)})
    spans = Q()
    for day in sorted(days):
        start = dt.datetime.combine(day, dt.time(), tzinfo=TZ)
        spans |= Q(**{f"{moment}__gte": start, f"{moment}__lt": start + dt.timedelta(days=1)})
    return qs.filter(spans)


class _Tally:
    def __init__(self) -> None:
        self.values: dict[tuple[dt.date, str, str], Decimal] = defaultdict(Decimal)

    def add(self, day: dt.date, fact: str, value: float | Decimal | int, dept: str | None = None) -> None:
        if not value:
            return
        self.values[(day, fact, "")] += Decimal(str(value))
        if dept:
            self.values[(day, fact, f"dept:{dept}")] += Decimal(str(value))

    def facts(self) -> list[Fact]:
        return [(day, fact, key, value) for (day, fact, key), value in self.values.items()]


def _received(tally: _Tally, days: set[dt.date] | None) -> None:
    qs = Case.objects.filter(parent__isnull=True).annotate(day=TruncDate("received_at", tzinfo=TZ))
    rows = (
        _on(qs, "day", days, moment="received_at")
        .values("day", "department__code")
        .annotate(
            received=Count("id"),
            online=Count("id", filter=Q(channel=Channel.ONLINE)),
            assisted=Count("id", filter=Q(channel=Channel.ASSISTED)),
            immediate=Count("id", filter=Q(item__kind=ItemKind.IMMEDIATE)),
            at_window=Count("id", filter=Q(window__isnull=False)),
            front_desk=Count("id", filter=Q(window__kind__in=FRONT_DESK)),
        )
    )
    for r in rows:
        dept = r["department__code"]
        tally.add(r["day"], "received", r["received"], dept)
        tally.add(r["day"], "received_online", r["online"], dept)
        tally.add(r["day"], "received_assisted", r["assisted"], dept)
        tally.add(r["day"], "received_immediate", r["immediate"], dept)
        tally.add(r["day"], "received_at_window", r["at_window"])
        tally.add(r["day"], "received_at_comprehensive_window", r["front_desk"])


class _WorkingDays:
    """Working days between two dates on the county calendar, by a cumulative index (one
    dictionary lookup a case, however many cases)."""

    def __init__(self, calendar: WorkingCalendar) -> None:
        self.calendar = calendar
        self.index: dict[dt.date, int] = {}

    def _working(self, day: dt.date) -> bool:
        try:
            return self.calendar.is_working_day(day)
        except CalendarYearMissing:  # a year nobody has published: count the plain week
            return day.weekday() < 5

    def prepare(self, first: dt.date, last: dt.date) -> None:
        count, day = 0, first
        while day <= last:
            count += self._working(day)
            self.index[day] = count
            day += dt.timedelta(days=1)

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (the acceptance day not counted)."""
        return max(0, self.index[end] - self.index[start])


def _decided(tally: _Tally, days: set[dt.date] | None) -> None:
    qs = Case.objects.filter(parent__isnull=True, status__in=DECIDED, decided_at__isnull=False).annotate(
        day=TruncDate("decided_at", tzinfo=TZ), notice_count=Count("notices")
    )
    rows = list(
        _on(qs, "day", days, moment="decided_at").values_list(
            "day", "department__code", "due_on", "accepted_on", "notice_count"
        )
    )
    promised = [
        (accepted, day) for day, _, due, accepted, _ in rows if due is not None and accepted is not None
    ]
    counter = _WorkingDays(WorkingCalendar.for_active_county())
    if promised:
        counter.prepare(
            min(min(a for a, _ in promised), min(d for _, d in promised)), max(d for _, d in promised)
        )
    for day, dept, due, accepted, notices in rows:
        tally.add(day, "decided", 1, dept)
        tally.add(day, "decided_on_time", int(due is None or day <= due), dept)
        tally.add(day, "decided_early", int(due is not None and day < due), dept)
        tally.add(day, "decided_single_notice", int(notices <= 1))
        if due is not None and accepted is not None and accepted <= day:
            tally.add(day, "decided_promised", 1, dept)
            tally.add(day, "decide_days_sum", counter.between(accepted, day), dept)


def _reviews(tally: _Tally, days: set[dt.date] | None) -> None:
    qs = Review.objects.annotate(day=TruncDate("created_at", tzinfo=TZ))
    for r in (
        _on(qs, "day", days, moment="created_at")
        .values("day")
        .annotate(
            n=Count("id"), good=Count("id", filter=Q(level__gte=3)), bad=Count("id", filter=Q(level__lte=2))
        )
    ):
        tally.add(r["day"], "reviews", r["n"])
        tally.add(r["day"], "reviews_good", r["good"])
        tally.add(r["day"], "reviews_bad", r["bad"])


def _work_orders(tally: _Tally, days: set[dt.date] | None) -> None:
    rows = _on(WorkOrder.objects.all(), "opened_on", days).values_list(
        "opened_on", "called_back_at", "rectification_due_on", "rectified_at"
    )
    for opened, called_back, rectification_due, rectified in rows:
        tally.add(opened, "work_orders_opened", 1)
        tally.add(opened, "work_orders_called_back", int(called_back is not None))
        if rectification_due is not None:
            tally.add(opened, "work_orders_rectification_due", 1)
            on_time = rectified is not None and rectified.astimezone(TZ).date() <= rectification_due
            tally.add(opened, "work_orders_rectified_on_time", int(on_time))


def _fallback(tally: _Tally, days: set[dt.date] | None) -> None:
    qs = FallbackCase.objects.annotate(day=TruncDate("registered_at", tzinfo=TZ))
    for day, status, closed in _on(qs, "day", days, moment="registered_at").values_list(
        "day", "status", "closed_at"
    ):
        tally.add(day, "fallback_registered", 1)
        if status == FallbackStatus.CLOSED and closed is not None:
            tally.add(day, "fallback_closed", 1)
            tally.add(day, "fallback_close_days_sum", (closed.astimezone(TZ).date() - day).days)


def _reminders(tally: _Tally, days: set[dt.date] | None) -> None:
    qs = Firing.objects.filter(watch__subject_type="Case").annotate(day=TruncDate("fired_at", tzinfo=TZ))
    for r in _on(qs, "day", days, moment="fired_at").values("day").annotate(n=Count("id")):
        tally.add(r["day"], "case_reminders", r["n"])


def _queue(tally: _Tally, days: set[dt.date] | None) -> None:
    """取号叫号: tickets first called on the day — minutes waited (taken → first called) and how
    many within the county's target wait (``QueueSettings.target_wait_minutes``)."""
    target = QueueSettings.objects.values_list("target_wait_minutes", flat=True).first() or 20
    called = Ticket.objects.filter(first_called_at__isnull=False)
    for day, taken, first in _on(called, "day", days).values_list("day", "taken_at", "first_called_at"):
        waited = max(0.0, (first - taken).total_seconds() / 60)
        tally.add(day, "queue_served", 1)
        tally.add(day, "queue_wait_minutes_sum", round(waited, 2))
        tally.add(day, "queue_served_within_target", int(waited <= target))


def snapshot(day: dt.date) -> list[Fact]:
    """The stocks, as they stand: the catalog's items and the centre's comprehensive windows."""
    items = ServiceItem.objects.live().aggregate(
        total=Count("id"), online=Count("id", filter=Q(online_depth__gte=FULLY_ONLINE))
    )
    share = universal_window_share()  # the county centre's windows only (001 二(6))
    values = {
        "items_total": items["total"],
        "items_fully_online": items["online"],
        "windows_universal": share.universal,
        "windows_comprehensive": share.comprehensive,
    }
    return [(day, fact, "", Decimal(value)) for fact, value in values.items()]


def daily_facts(days: set[dt.date] | None) -> list[Fact]:
    """Every flow fact on ``days`` (None: on every day there is data for)."""
    tally = _Tally()
    for count in (_received, _decided, _reviews, _work_orders, _fallback, _reminders, _queue):
        count(tally, days)
    return tally.facts()


def touched_days(subjects: Iterable[tuple[str, str]]) -> set[dt.date]:
    """The days whose facts the changed subjects (``(subject_type, subject_id)`` from the audit
    trail) contribute to."""
    ids: dict[str, set[int]] = defaultdict(set)
    for subject_type, subject_id in subjects:
        if subject_id.isascii() and subject_id.isdecimal():
            ids[subject_type].add(int(subject_id))
    found: set[dt.date] = set()
    if ids.get("Case"):
        cases = Case.objects.filter(Q(pk__in=ids["Case"]) | Q(children__pk__in=ids["Case"]))
        for received, decided in cases.values_list("received_at", "decided_at").distinct():
            found.add(received.astimezone(TZ).date())
            if decided is not None:
                found.add(decided.astimezone(TZ).date())
    if ids.get("WorkOrder"):
        found |= set(WorkOrder.objects.filter(pk__in=ids["WorkOrder"]).values_list("opened_on", flat=True))
    if ids.get("FallbackCase"):
        found |= {
            at.astimezone(TZ).date()
            for at in FallbackCase.objects.filter(pk__in=ids["FallbackCase"]).values_list(
                "registered_at", flat=True
            )
        }
    if ids.get("Ticket"):
        found |= set(Ticket.objects.filter(pk__in=ids["Ticket"]).values_list("day", flat=True))
    if ids.get("Review"):
        found |= {
            at.astimezone(TZ).date()
            for at in Review.objects.filter(pk__in=ids["Review"]).values_list("created_at", flat=True)
        }
        # a review's work order is opened with it: its facts fall on the opening day
        found |= set(
            WorkOrder.objects.filter(review_id__in=ids["Review"]).values_list("opened_on", flat=True)
        )
    return found


__all__ = ["FRONT_DESK", "Fact", "daily_facts", "snapshot", "touched_days"]
