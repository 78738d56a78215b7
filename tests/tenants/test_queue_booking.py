"""预约: slots from the hours, one booking per person and day, the no-show restriction,
check-in minutes, reschedule and cancel give places back, reminders once."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.outbox.models import OutboxMessage
from onewindow.tenants.queueing.booking import (
    book_appointment,
    cancel_appointment,
    check_in,
    reschedule_appointment,
    send_reminders,
)
from onewindow.tenants.queueing.hours import queue_rules, slot_spans
from onewindow.tenants.queueing.models import Appointment, AppointmentSlot, Queue
from onewindow.tenants.queueing.services import expire_tickets
from tests.tenants.queue_helpers import MONDAY, at, set_rules

pytestmark = pytest.mark.django_db
TUESDAY = MONDAY + dt.timedelta(days=1)


def book(start: str = "09:30", day: dt.date = TUESDAY, n: int = 1, queue: str = "F") -> Appointment:
    return book_appointment(
        queue,
        day=day,
        start=dt.time.fromisoformat(start),
        name=f"王{n}",
        id_number=f"15062619900101{n:04d}",
        phone=f"1390000{n:04d}",
        item="不动产登记",
        actor=None,
    )


def code(call) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(BusinessError) as err:
        call()
    return err.value.code


def test_slots_follow_the_hours() -> None:
    spans = slot_spans(Queue.objects.get(code="F"), MONDAY, queue_rules())
    # 乌审旗: 09:00-12:30 and 13:30-17:30 in 30-minute slots
    assert len(spans) == 7 + 8 and spans[0] == (dt.time(9), dt.time(9, 30)) and spans[7][0] == dt.time(13, 30)
    assert slot_spans(Queue.objects.get(code="F"), MONDAY + dt.timedelta(days=5), queue_rules())  # 周末服务 F
    assert not slot_spans(Queue.objects.get(code="Y"), MONDAY + dt.timedelta(days=5), queue_rules())


def test_capacity_and_one_booking_per_person() -> None:
    with at("08:00"):
        book(n=1), book(n=2)  # F takes two per slot
        assert code(lambda: book(n=3)) == "SLOT_FULL"
        assert code(lambda: book("10:00", n=1)) == "DUPLICATE_BOOKING"
        assert code(lambda: book("12:45", n=4)) == "INVALID_SLOT"
        assert code(lambda: book(day=MONDAY + dt.timedelta(days=9), n=4)) == "INVALID_DAY"
        assert code(lambda: book(queue="C", n=4)) == "NO_BOOKING"


def test_reschedule_and_cancel_give_the_place_back() -> None:
    with at("08:00"):
        first = book(n=1)
        reschedule_appointment(first.pk, day=TUESDAY, start=dt.time(10), actor=None)
        assert dict(AppointmentSlot.objects.values_list("start", "booked")) == {
            dt.time(9, 30): 0,
            dt.time(10): 1,
        }
        cancel_appointment(first.pk, actor=None)
        assert AppointmentSlot.objects.get(start=dt.time(10)).booked == 0
        assert code(lambda: cancel_appointment(first.pk, actor=None)) == "INVALID_TRANSITION"


def test_check_in_window_and_no_shows_restrict_booking() -> None:
    set_rules(no_show={"block_after": 2, "block_days": 30})
    with at("08:00"):
        booked = book(n=1)
    with at("08:59", TUESDAY):
        assert (
            code(lambda: check_in(booked.pk, actor=None)) == "CHECK_IN_TOO_EARLY"
        )  # 30 minutes before 09:30
    with at("09:46", TUESDAY):
        assert code(lambda: check_in(booked.pk, actor=None)) == "CHECK_IN_TOO_LATE"  # 15 minutes after
    with at("09:00", TUESDAY):
        assert check_in(booked.pk, actor=None).ticket.number == "F001"  # type: ignore[union-attr]
    for n, day in ((5, MONDAY), (5, TUESDAY)):
        with at("08:00", day - dt.timedelta(days=1)):
            book("11:00", day=day, n=n)
    with at("18:00", TUESDAY):
        expire_tickets()  # two 爽约 for person 5; the checked-in F001 was never served: a third for person 1
    assert Appointment.objects.filter(id_number="150626199001010005", status="missed").count() == 2
    with at("08:00", TUESDAY + dt.timedelta(days=1)):
        assert code(lambda: book(day=TUESDAY + dt.timedelta(days=2), n=5)) == "BOOKING_RESTRICTED"
        book(day=TUESDAY + dt.timedelta(days=2), n=6)


def test_reminders_the_day_before_once() -> None:
    with at("08:00"):
        book(n=1), book(n=2)
    before = OutboxMessage.objects.count()
    with at("16:00"):
        assert send_reminders() == 2 and send_reminders() == 0
    assert OutboxMessage.objects.count() - before == 2
