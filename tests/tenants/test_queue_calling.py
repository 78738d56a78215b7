"""Calling rules, each by a hand-worked sequence (乌审旗, window ZC01 serves A, then Y, then F)."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.outbox.models import OutboxMessage
from onewindow.tenants.queueing.models import Ticket, TicketStatus
from onewindow.tenants.queueing.services import (
    call_next,
    expire_tickets,
    finish_consultation,
    park,
    pause_window,
    recall,
    receive_case_for_ticket,
    resume_window,
    return_ticket,
    start_serving,
    take_ticket,
    transfer,
)
from onewindow.tenants.reviews.services import submit_visit_review
from tests.tenants.cases_helpers import COMPANY
from tests.tenants.queue_helpers import MONDAY, at, call_and_finish, set_rules, take

pytestmark = pytest.mark.django_db


def code_of(exc: pytest.ExceptionInfo[BusinessError]) -> str:
    return exc.value.code


def test_numbers_are_the_prefix_and_a_daily_sequence() -> None:
    assert [take("A", "09:00").number, take("A", "09:01").number, take("F", "09:02").number] == [
        "A001",
        "A002",
        "F001",
    ]
    next_day = MONDAY + dt.timedelta(days=1)
    with at("09:00", next_day):
        assert take_ticket("A", source="kiosk", actor=None).number == "A001"


def test_green_channel_first() -> None:
    set_rules(priority={"green": {"mode": "first"}})
    take("A", "10:00"), take("A", "10:01"), take("A", "10:02", priority_group="elderly")
    assert [call_and_finish(hhmm="10:05") for _ in range(3)] == ["A003", "A001", "A002"]


def test_green_channel_interleaved_every_two() -> None:
    # N1 N2 N3 N4 then G1 G2: after every two normal calls one green ticket.
    set_rules(priority={"green": {"mode": "interleave", "every": 2}})
    for minute in range(4):
        take("A", f"10:0{minute}")
    take("A", "10:04", priority_group="disabled"), take("A", "10:05", priority_group="pregnant")
    called = [call_and_finish(hhmm=f"10:1{i}") for i in range(6)]
    assert called == ["A001", "A002", "A005", "A003", "A004", "A006"]


def test_appointments_interleaved_every_three_as_乌审旗_sets() -> None:
    from onewindow.tenants.queueing.booking import book_appointment, check_in

    for minute in range(4):
        take("A", f"09:0{minute}")
    with at("08:00"):
        booked = book_appointment(
            "A",
            day=MONDAY,
            start=dt.time(9, 30),
            name="李四",
            id_number="150626199001011238",
            phone="13800138000",
            actor=None,
        )
    with at("09:20"):
        ticket = check_in(booked.pk, actor="kiosk").ticket
    assert ticket is not None and ticket.kind == "appointment" and ticket.number == "A005"
    assert [call_and_finish(hhmm="09:25") for _ in range(5)] == ["A001", "A002", "A003", "A005", "A004"]


def test_fairness_limit_lets_a_normal_ticket_jump() -> None:
    # green first, fairness 30 min: the 10:00 normal ticket waits behind greens until 10:31.
    set_rules(priority={"green": {"mode": "first"}, "fairness_minutes": 30})
    take("A", "10:00")
    for minute in ("10:05", "10:06", "10:07"):
        take("A", minute, priority_group="elderly")
    assert call_and_finish(hhmm="10:10") == "A002"
    assert call_and_finish(hhmm="10:20") == "A003"
    assert call_and_finish(hhmm="10:31") == "A001"  # 31 minutes: jumps the last green ticket
    assert call_and_finish(hhmm="10:32") == "A004"


def test_no_show_parks_after_n_calls_and_returns_after_m_tickets_once() -> None:
    set_rules(no_show={"calls": 3, "return_after": 3, "returns_allowed": 1})
    tickets = [take("A", f"10:0{i}") for i in range(5)]
    with at("10:10"):
        first = call_next("ZC01", actor="clerk")
        assert first is not None and first.number == "A001"
        recall(first.pk, window="ZC01", actor="clerk")
        assert recall(first.pk, window="ZC01", actor="clerk").call_count == 3
        assert recall(first.pk, window="ZC01", actor="clerk").status == TicketStatus.PARKED  # fourth press
        return_ticket(first.pk, actor="guide")  # back after A002, A003, A004
    assert [call_and_finish(hhmm="10:20") for _ in range(5)] == ["A002", "A003", "A004", "A001", "A005"]
    with at("10:30"):
        second = take_ticket("A", source="kiosk", actor=None)
        again = call_next("ZC01", actor="clerk")
        assert again is not None and again.pk == second.pk
        park(second.pk, window="ZC01", actor="clerk")
        return_ticket(second.pk, actor="guide")
        assert call_next("ZC01", actor="clerk").pk == second.pk  # type: ignore[union-attr]
        park(second.pk, window="ZC01", actor="clerk")
        with pytest.raises(BusinessError) as err:
            return_ticket(second.pk, actor="guide")
    assert code_of(err) == "NO_MORE_RETURNS"
    assert tickets[0].pk == first.pk
    assert AuditEvent.objects.filter(action="ticket.parked", subject_id=str(first.pk)).count() == 1


def test_universal_window_calls_its_next_queue_when_the_first_is_empty() -> None:
    take("F", "10:00"), take("Y", "10:01")
    assert [call_and_finish("ZC01", "10:05"), call_and_finish("ZC01", "10:06")] == ["Y001", "F001"]
    assert call_and_finish("ZC01", "10:07") is None


def test_transfer_keeps_the_original_time() -> None:
    take("A", "10:00"), take("F", "10:02")
    with at("10:05"):
        ticket = call_next("ZC01", actor="clerk")
        assert ticket is not None
        transfer(ticket.pk, window="ZC01", to_queue="F", actor="clerk")
        moved = call_next("FL01", actor="clerk")
        assert moved is not None and moved.number == "A001"  # its 10:00 place beats F001's 10:02
        transfer(moved.pk, window="FL01", to_window="ZC03", actor="clerk")
        assert call_next("ZC02", actor="clerk").number == "F001"  # type: ignore[union-attr]
        assert call_next("ZC03", actor="clerk").number == "A001"  # type: ignore[union-attr]


def test_one_open_ticket_per_window_and_pause() -> None:
    take("A", "10:00"), take("A", "10:01")
    with at("10:05"):
        ticket = call_next("ZC01", actor="clerk")
        with pytest.raises(BusinessError) as err:
            call_next("ZC01", actor="clerk")
        assert code_of(err) == "TICKET_OPEN"
        with pytest.raises(BusinessError) as err:
            start_serving(ticket.pk, window="ZC02", actor="clerk")  # type: ignore[union-attr]
        assert code_of(err) == "WRONG_WINDOW"
        finish_consultation(ticket.pk, window="ZC01", actor="clerk")  # type: ignore[union-attr]
        pause_window("ZC01", actor="clerk")
        with pytest.raises(BusinessError) as err:
            call_next("ZC01", actor="clerk")
        assert code_of(err) == "WINDOW_PAUSED"
        resume_window("ZC01", actor="clerk")
        assert call_next("ZC01", actor="clerk").number == "A002"  # type: ignore[union-attr]


def test_serve_into_a_case_or_a_consultation_the_评价器_reviews() -> None:
    take("A", "10:00"), take("A", "10:01")
    with at("10:05"):
        ticket = call_next("ZC01", actor="clerk")
        start_serving(ticket.pk, window="ZC01", actor="clerk")  # type: ignore[union-attr]
        case = receive_case_for_ticket(
            ticket.pk,
            applicant=COMPANY,
            item="QY-SL",
            channel="window",
            provided=["sqs", "zc", "zs"],
            actor="clerk",  # type: ignore[union-attr]
        )
        assert case.ticket.number == "A001" and case.window.code == "ZC01"  # type: ignore[union-attr]
        walk_in = call_next("ZC01", actor="clerk")
        done = finish_consultation(walk_in.pk, window="ZC01", actor="clerk")  # type: ignore[union-attr]
    assert done.status == "done" and done.outcome == "consultation"
    review = submit_visit_review(done.visit_ref, window="ZC01", level=5, channel="device", actor=None)
    assert review.visit_ref == f"A002-{MONDAY:%Y%m%d}"


def test_the_queue_is_closed_outside_its_hours_and_on_holidays() -> None:
    def refused(day: dt.date, hhmm: str, queue: str = "A") -> bool:
        with at(hhmm, day):
            try:
                take_ticket(queue, source="kiosk", actor=None)
            except BusinessError as err:
                assert err.code == "QUEUE_CLOSED"
                return True
            return False

    saturday, national_day = MONDAY + dt.timedelta(days=5), dt.date(2026, 10, 1)
    assert refused(MONDAY, "08:59") and not refused(MONDAY, "09:00") and refused(MONDAY, "12:45")
    assert not refused(MONDAY, "18:00") and refused(MONDAY, "18:00", "Y")  # 延时服务: A and C only
    assert not refused(saturday, "10:30") and refused(saturday, "10:30", "Y")  # 周末服务: A and F
    assert refused(national_day, "10:00")


def test_tickets_expire_at_closing_time_and_the_window_is_free() -> None:
    a, y = take("A", "17:00"), take("Y", "17:01")
    with at("17:10"):
        call_next("YJS01", actor="clerk")  # Y001 left open at the window
    with at("17:31"):
        assert expire_tickets() == 1  # Y closes at 17:30; A has 延时 to 18:30
    with at("18:31"):
        assert expire_tickets() == 1
    assert set(Ticket.objects.filter(pk__in=[a.pk, y.pk]).values_list("status", flat=True)) == {"expired"}
    with at("18:32"):
        take_ticket("A", source="kiosk", actor=None) if False else None
        assert call_next("YJS01", actor="clerk") is None  # no TICKET_OPEN: the window was freed


def test_sms_when_three_away() -> None:
    for minute in range(5):
        take("A", f"10:0{minute}", phone=f"1380013800{minute}", source="online")
    before = OutboxMessage.objects.count()
    call_and_finish(hhmm="10:10")  # A002, A003, A004 wait: A004 is three away
    messages = list(OutboxMessage.objects.order_by("-id")[: OutboxMessage.objects.count() - before])
    assert [m.recipient for m in messages] == ["13800138003"]
    call_and_finish(hhmm="10:11")
    assert OutboxMessage.objects.count() - before == 2


def test_online_needs_a_phone_and_groups_are_the_countys() -> None:
    with at("10:00"), pytest.raises(BusinessError) as err:
        take_ticket("A", source="online", actor=None)
    assert code_of(err) == "REQUIRED"
    with at("10:00"), pytest.raises(BusinessError) as err:
        take_ticket("A", source="kiosk", priority_group="military", actor=None)  # 乌审旗 has no 军人 group
    assert (code_of(err), err.value.field) == ("INVALID_CHOICE", "priority_group")
