"""Reads of the hall's queues: places in a queue, a window's desk, the hall display's board,
the day's bookings and the slots left."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from onewindow.platform.core import clock
from onewindow.tenants.hall.models import Window
from onewindow.tenants.queueing.hours import local, queue_rules, slot_spans
from onewindow.tenants.queueing.models import (
    Appointment,
    AppointmentSlot,
    Queue,
    Ticket,
    TicketStatus,
    WindowState,
)
from onewindow.tenants.queueing.services import serving_queues

RECENT_CALLS = 8


def waiting_ahead(ticket: Ticket) -> int:
    """Waiting tickets of its queue with an earlier place (the rule may still call others first)."""
    if ticket.status != TicketStatus.WAITING:
        return 0
    return (
        Ticket.objects.filter(queue_id=ticket.queue_id, day=ticket.day, status=TicketStatus.WAITING)
        .filter(Q(order_at__lt=ticket.order_at) | Q(order_at=ticket.order_at, pk__lt=ticket.pk))
        .count()
    )


def waiting_counts(day: dt.date | None = None) -> dict[int, int]:
    day = day or clock.today()
    rows = (
        Ticket.objects.filter(day=day, status=TicketStatus.WAITING).values("queue_id").annotate(n=Count("id"))
    )
    return {row["queue_id"]: row["n"] for row in rows}


@dataclass
class QueueLine:
    queue: Queue
    waiting: int
    open_now: bool = True


@dataclass
class Board:
    """The 大厅显示屏: each window's current call, the last calls, waiting per queue."""

    current: list[Ticket]
    recent: list[Ticket]
    queues: list[QueueLine]
    updated_at: dt.datetime = field(default_factory=clock.now)


def board() -> Board:
    today = clock.today()
    called = (
        Ticket.objects.filter(day=today, status__in=(TicketStatus.CALLED, TicketStatus.SERVING))
        .select_related("window", "queue")
        .order_by("-called_at", "-id")
    )
    counts = waiting_counts(today)
    return Board(
        current=list(called.filter(status=TicketStatus.CALLED)[:20]),
        recent=list(
            Ticket.objects.filter(day=today, first_called_at__isnull=False)
            .select_related("window", "queue")
            .order_by("-called_at", "-id")[:RECENT_CALLS]
        ),
        queues=[QueueLine(q, counts.get(q.pk, 0)) for q in Queue.objects.live()],
    )


@dataclass
class Desk:
    window: Window
    paused: bool
    current: Ticket | None
    queues: list[QueueLine]


def desk(window: Window) -> Desk:
    state = WindowState.objects.select_related("current__queue").filter(window=window).first()
    current = (
        state.current
        if state
        and state.current
        and state.current.status
        in (
            TicketStatus.CALLED,
            TicketStatus.SERVING,
        )
        else None
    )
    codes = serving_queues(window, queue_rules())
    by_code = {q.code: q for q in Queue.objects.live().filter(code__in=codes)}
    counts = waiting_counts()
    return Desk(
        window=window,
        paused=bool(state and state.paused),
        current=current,
        queues=[QueueLine(by_code[c], counts.get(by_code[c].pk, 0)) for c in codes if c in by_code],
    )


def tickets_today(status: str | None = None, queue: str | None = None) -> QuerySet[Ticket]:
    rows = Ticket.objects.filter(day=clock.today()).select_related("queue", "window")
    if status:
        rows = rows.filter(status=status)
    if queue:
        rows = rows.filter(queue__code=queue)
    return rows.order_by("order_at", "id")


@dataclass
class Slot:
    start: dt.time
    end: dt.time
    capacity: int
    booked: int

    @property
    def left(self) -> int:
        return max(self.capacity - self.booked, 0)


def slots(queue: Queue, day: dt.date) -> list[Slot]:
    """The day's slots with places left; slots already begun are left out."""
    if queue.slot_capacity == 0:
        return []
    booked = dict(AppointmentSlot.objects.filter(queue=queue, day=day).values_list("start", "booked"))
    now = local(clock.now())
    return [
        Slot(a, b, queue.slot_capacity, booked.get(a, 0))
        for a, b in slot_spans(queue, day, queue_rules())
        if dt.datetime.combine(day, a, tzinfo=clock.COUNTY_TZ) > now
    ]


def day_bookings(day: dt.date, queue: str | None = None) -> QuerySet[Appointment]:
    rows = Appointment.objects.filter(day=day).select_related("queue", "slot", "ticket")
    if queue:
        rows = rows.filter(queue__code=queue)
    return rows.order_by("slot__start", "id")


def masked(value: str) -> str:
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}" if len(value) > 7 else value


def as_dict(ticket: Ticket) -> dict[str, Any]:  # for logs and tests
    return {"number": ticket.number, "status": ticket.status, "window": ticket.window_id}
