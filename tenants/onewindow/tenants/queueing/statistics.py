"""叫号统计: waiting and service times per queue, window, hour and weekday; abandoned tickets;
appointments kept and missed; the share served within the county's target wait; and the
Erlang C staffing recommendation per hour and queue beside the windows actually open."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from statistics import mean

from onewindow.tenants.queueing.hours import local, queue_rules
from onewindow.tenants.queueing.models import Appointment, AppointmentStatus, Queue, Ticket, TicketStatus
from onewindow.tenants.queueing.staffing import windows_needed

STAFFING_SHARE = 0.8  # the share of applicants to serve within the target wait


@dataclass
class Row:
    key: str
    label: str
    tickets: int = 0
    served: int = 0
    abandoned: int = 0
    within_target: int = 0
    waits: list[float] | None = None
    services: list[float] | None = None

    @property
    def mean_wait(self) -> float | None:
        return round(mean(self.waits), 1) if self.waits else None

    @property
    def mean_service(self) -> float | None:
        return round(mean(self.services), 1) if self.services else None

    @property
    def share_within_target(self) -> float | None:
        return round(self.within_target / len(self.waits), 3) if self.waits else None


@dataclass
class StaffingRow:
    queue: str
    hour: int
    arrivals_per_hour: float
    service_minutes: float
    recommended: int
    open_windows: float


@dataclass
class Report:
    start: dt.date
    end: dt.date
    target_minutes: int
    by_queue: list[Row]
    by_window: list[Row]
    by_hour: list[Row]
    by_weekday: list[Row]
    appointments_booked: int
    appointments_kept: int
    appointments_missed: int
    appointments_cancelled: int
    staffing: list[StaffingRow]


WEEKDAYS = "一二三四五六日"


def report(start: dt.date, end: dt.date) -> Report:
    rules = queue_rules()
    target = rules.target_wait_minutes
    rows = list(
        Ticket.objects.filter(day__gte=start, day__lte=end)
        .select_related("queue", "window")
        .only(
            "day",
            "taken_at",
            "first_called_at",
            "served_at",
            "finished_at",
            "status",
            "queue__code",
            "queue__name",
            "queue__service_minutes",
            "window__code",
            "window__name",
        )
    )
    groups: dict[str, dict[str, Row]] = {"queue": {}, "window": {}, "hour": {}, "weekday": {}}
    arrivals: dict[tuple[str, int], int] = defaultdict(int)
    windows_seen: dict[tuple[str, int], set[tuple[dt.date, str]]] = defaultdict(set)
    days_open: dict[str, set[dt.date]] = defaultdict(set)
    services_by_queue: dict[str, list[float]] = defaultdict(list)
    for t in rows:
        taken = local(t.taken_at)
        keys = {
            "queue": (t.queue.code, t.queue.name),
            "window": ((t.window.code, t.window.name) if t.window else None),
            "hour": (f"{taken.hour:02d}", f"{taken.hour:02d}:00"),
            "weekday": (str(taken.isoweekday()), f"星期{WEEKDAYS[taken.isoweekday() - 1]}"),
        }
        wait = (t.first_called_at - t.taken_at).total_seconds() / 60 if t.first_called_at else None
        service = (
            (t.finished_at - t.served_at).total_seconds() / 60
            if t.finished_at and t.served_at and t.status == TicketStatus.DONE
            else None
        )
        for name, key in keys.items():
            if key is None:
                continue
            row = groups[name].setdefault(key[0], Row(key[0], key[1], waits=[], services=[]))
            row.tickets += 1
            row.served += t.status == TicketStatus.DONE
            row.abandoned += t.status == TicketStatus.EXPIRED and t.finished_at is None
            if wait is not None:
                row.waits.append(wait)  # type: ignore[union-attr]
                row.within_target += wait <= target
            if service is not None:
                row.services.append(service)  # type: ignore[union-attr]
        arrivals[(t.queue.code, taken.hour)] += 1
        days_open[t.queue.code].add(t.day)
        if service is not None:
            services_by_queue[t.queue.code].append(service)
        if t.window and t.first_called_at:
            windows_seen[(t.queue.code, local(t.first_called_at).hour)].add((t.day, t.window.code))
    defaults = {q.code: q.service_minutes for q in Queue.objects.all()}
    staffing = []
    for (code, hour), count in sorted(arrivals.items()):
        days = len(days_open[code]) or 1
        rate = count / days
        service = mean(services_by_queue[code]) if services_by_queue[code] else float(defaults.get(code, 10))
        staffing.append(
            StaffingRow(
                queue=code,
                hour=hour,
                arrivals_per_hour=round(rate, 2),
                service_minutes=round(service, 1),
                recommended=windows_needed(rate, service, target, STAFFING_SHARE),
                open_windows=round(len(windows_seen[(code, hour)]) / days, 1),
            )
        )
    booked = Appointment.objects.filter(day__gte=start, day__lte=end)
    return Report(
        start=start,
        end=end,
        target_minutes=target,
        by_queue=sorted(groups["queue"].values(), key=lambda r: r.key),
        by_window=sorted(groups["window"].values(), key=lambda r: r.key),
        by_hour=sorted(groups["hour"].values(), key=lambda r: r.key),
        by_weekday=sorted(groups["weekday"].values(), key=lambda r: r.key),
        appointments_booked=booked.count(),
        appointments_kept=booked.filter(status=AppointmentStatus.CHECKED_IN).count(),
        appointments_missed=booked.filter(status=AppointmentStatus.MISSED).count(),
        appointments_cancelled=booked.filter(status=AppointmentStatus.CANCELLED).count(),
        staffing=staffing,
    )
