"""Real concurrency against PostgreSQL: threads with their own connections on committed data.

- 50 windows press "call next" at once over 200 tickets of one queue: every ticket is called
  and served exactly once (``SELECT … FOR UPDATE SKIP LOCKED``), none twice, none lost.
- 300 people book 20 places (four slots of five) at once: exactly 20 are booked, the rest get ``SLOT_FULL``.

These tests commit (outside any test transaction) in 温岭市, on a day no other test uses, and
remove what they made.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection, transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError
from onewindow.platform.counties.models import County
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.hall.models import Window, Zone
from onewindow.tenants.queueing.booking import book_appointment
from onewindow.tenants.queueing.hours import queue_rules, slot_spans
from onewindow.tenants.queueing.models import (
    Appointment,
    AppointmentSlot,
    Queue,
    QueueSettings,
    Ticket,
    TicketCounter,
    WindowState,
)
from onewindow.tenants.queueing.services import call_next, finish_consultation, take_ticket

DAY = dt.date(2026, 12, 14)  # a working Monday no other test uses
WINDOWS = 50
TICKETS = 200
BOOKERS = 300
BOOKING_THREADS = 60  # the embedded PostgreSQL allows 100 connections: 60 threads × 5 bookings
PLACES = 20
SLOTS, CAPACITY = 4, 5  # 20 places: four slots of five


def moment(hhmm: str) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time.fromisoformat(hhmm), tzinfo=clock.COUNTY_TZ)


def in_threads(count: int, work: Callable[[int], Any], county: County) -> list[Any]:
    """Run ``work(i)`` in ``count`` threads released together, each on its own connection."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(i: int) -> None:
        try:
            connection.set_tenant(county)
            barrier.wait()
            results[i] = work(i)
        except BaseException as exc:  # reported by the test, not lost in the thread
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return results


def _clean(saved: list[Any] | None) -> None:
    """Remove what the tests made (their audit events stay: the trail is append-only)."""
    with transaction.atomic():
        WindowState.objects.filter(window__code__startswith="ZT").delete()
        Appointment.objects.filter(queue__code="ZT").delete()
        AppointmentSlot.objects.filter(queue__code="ZT").delete()
        Ticket.objects.filter(queue__code="ZT").delete()
        TicketCounter.objects.filter(queue__code="ZT").delete()
        Window.objects.filter(code__startswith="ZT").delete()
        Queue.objects.filter(code="ZT").delete()
        settings = QueueSettings.objects.get()
        settings.serving = [s for s in (saved or settings.serving) if not s["window"].startswith("ZT")]
        settings.save()


@pytest.fixture
def committed(django_db_setup: None, django_db_blocker: Any) -> Iterator[County]:
    """A queue served by 50 windows in 温岭市, committed; removed afterwards."""
    with django_db_blocker.unblock():
        county = County.objects.get(code="331081")
        connection.set_tenant(county)
        _clean(None)  # a run killed half-way left its rows
        settings = QueueSettings.objects.get()
        saved = list(settings.serving)
        with transaction.atomic():
            Queue.objects.create(code="ZT", name="并发测试", prefix="Z", slot_capacity=CAPACITY, position=99)
            zone = Zone.objects.get(code="intake")
            windows = [
                Window(
                    code=f"ZT{i:02d}", name=f"并发{i}号窗口", kind="universal", zone=zone, position=100 + i
                )
                for i in range(WINDOWS)
            ]
            Window.objects.bulk_create(windows)
            settings.serving = [*saved, *({"window": w.code, "queues": ["ZT"]} for w in windows)]
            settings.save()
        try:
            yield county
        finally:
            connection.set_tenant(county)
            _clean(saved)
            connection.set_schema_to_public()


def test_fifty_windows_calling_at_once_serve_every_ticket_exactly_once(
    committed: County, django_db_blocker: Any
) -> None:
    with django_db_blocker.unblock():
        with clock.frozen_at(moment("09:00")):
            for _ in range(TICKETS):
                take_ticket("ZT", source="kiosk", actor=None)

        def caller(i: int) -> list[str]:
            served: list[str] = []
            with clock.frozen_at(moment("10:00")):
                while True:
                    ticket = call_next(f"ZT{i:02d}", actor=f"clerk{i}")
                    if ticket is None:
                        return served
                    finish_consultation(ticket.pk, window=f"ZT{i:02d}", actor=f"clerk{i}")
                    served.append(ticket.number)

        results = in_threads(WINDOWS, caller, committed)
        connection.set_tenant(committed)
        errors = [r for r in results if isinstance(r, BaseException)]
        assert not errors, errors[:3]
        served = Counter(number for numbers in results for number in numbers)
        assert len(served) == TICKETS and set(served.values()) == {1}  # none lost, none twice
        assert sum(1 for numbers in results if numbers) > 1  # the work was really shared
        tickets = Ticket.objects.filter(queue__code="ZT")
        assert set(tickets.values_list("status", flat=True)) == {"done"}
        called = Counter(
            AuditEvent.objects.filter(
                action="ticket.called",
                subject_id__in=[str(pk) for pk in tickets.values_list("pk", flat=True)],
            ).values_list("subject_id", flat=True)
        )
        assert len(called) == TICKETS and set(called.values()) == {1}


def test_three_hundred_bookings_for_twenty_places_book_exactly_twenty(
    committed: County, django_db_blocker: Any
) -> None:
    with django_db_blocker.unblock():
        # four slots of five places on 温岭's Monday morning
        with clock.frozen_at(moment("07:00")):
            queue = Queue.objects.get(code="ZT")
            starts = [a for a, _b in slot_spans(queue, DAY, queue_rules())][:SLOTS]
        assert len(starts) == SLOTS

        def book(i: int) -> str:
            try:
                book_appointment(
                    "ZT",
                    day=DAY,
                    start=starts[i % SLOTS],
                    name=f"申请人{i}",
                    id_number=f"33108119900101{i:04d}",
                    phone=f"138{i:08d}",
                    actor=None,
                )
            except BusinessError as err:
                return err.code
            return "BOOKED"

        def booker(t: int) -> list[str]:
            with clock.frozen_at(moment("07:00") - dt.timedelta(days=1)):
                return [book(i) for i in range(t, BOOKERS, BOOKING_THREADS)]

        batches = in_threads(BOOKING_THREADS, booker, committed)
        assert not [r for r in batches if isinstance(r, BaseException)], batches[:3]
        results = [code for batch in batches for code in batch]
        connection.set_tenant(committed)
        assert not [r for r in results if isinstance(r, BaseException)]
        assert Counter(results) == {"BOOKED": PLACES, "SLOT_FULL": BOOKERS - PLACES}
        assert Appointment.objects.filter(queue__code="ZT").count() == PLACES
        assert set(AppointmentSlot.objects.filter(queue__code="ZT").values_list("booked", flat=True)) == {
            CAPACITY
        }
