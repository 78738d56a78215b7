"""预约: book a slot of a queue's day, cancel or reschedule it through the signed link, check
in at the hall (a window of minutes around the slot) to get a ticket, reminders the day before.

A slot's ``booked`` grows by a conditional ``UPDATE … WHERE booked < capacity``: 300 people
booking 20 places at once book exactly 20 (tests/tenants/test_queue_concurrency.py)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F

from onewindow.platform.core import clock
from onewindow.platform.core.errors import NotFound
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.outbox.services import enqueue_notification
from onewindow.tenants.queueing.errors import QueueError
from onewindow.tenants.queueing.hours import local, queue_rules, slot_spans
from onewindow.tenants.queueing.models import (
    Appointment,
    AppointmentSlot,
    AppointmentStatus,
    Queue,
    TicketKind,
    TicketSource,
)
from onewindow.tenants.queueing.services import SMS, _create_ticket, clean_id_number, clean_phone, live_queue


def bookable_days(today: dt.date | None = None) -> list[dt.date]:
    today = today or clock.today()
    return [today + dt.timedelta(days=n) for n in range(queue_rules().appointments.book_days_ahead + 1)]


def _slot(queue: Queue, day: dt.date, start: dt.time) -> AppointmentSlot:
    """The slot row (made on first booking), after checking the slot exists in the hours."""
    rules = queue_rules()
    if queue.slot_capacity == 0:
        raise QueueError("NO_BOOKING", f"{queue.name} 不接受预约", field="queue")
    if day not in bookable_days():
        raise QueueError(
            "INVALID_DAY", f"只能预约今天起 {rules.appointments.book_days_ahead} 天内", field="day"
        )
    spans = dict(slot_spans(queue, day, rules))
    if start not in spans:
        raise QueueError("INVALID_SLOT", "这一天没有这个时段", field="start")
    if dt.datetime.combine(day, start, tzinfo=clock.COUNTY_TZ) <= clock.now():
        raise QueueError("INVALID_SLOT", "这个时段已过", field="start")
    slot, _ = AppointmentSlot.objects.get_or_create(
        queue=queue, day=day, start=start, defaults={"end": spans[start], "capacity": queue.slot_capacity}
    )
    return slot


def _take_place(slot: AppointmentSlot) -> None:
    if not AppointmentSlot.objects.filter(pk=slot.pk, booked__lt=F("capacity")).update(
        booked=F("booked") + 1
    ):
        raise QueueError("SLOT_FULL", f"{slot.start:%H:%M} 的名额已约满，请选择其他时段", field="start")


def _give_back(slot_id: int) -> None:
    AppointmentSlot.objects.filter(pk=slot_id, booked__gt=0).update(booked=F("booked") - 1)


def _check_person(id_number: str, queue: Queue, day: dt.date, exclude: int | None = None) -> None:
    rules = queue_rules().no_show
    if rules.block_after:
        since = clock.today() - dt.timedelta(days=rules.block_days)
        missed = Appointment.objects.filter(
            id_number=id_number, status=AppointmentStatus.MISSED, day__gte=since
        )
        if missed.count() >= rules.block_after:
            raise QueueError(
                "BOOKING_RESTRICTED",
                f"{rules.block_days} 天内爽约 {rules.block_after} 次及以上，暂不能网上预约，请到现场取号",
                field="id_number",
            )
    same = Appointment.objects.filter(
        id_number=id_number,
        queue=queue,
        day=day,
        status__in=(AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN),
    )
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise QueueError("DUPLICATE_BOOKING", "同一天同一业务只能预约一次", field="day")


@transaction.atomic
def book_appointment(
    queue: str,
    *,
    day: dt.date,
    start: dt.time,
    name: str,
    id_number: str,
    phone: str,
    item: str = "",
    actor: object | None,
) -> Appointment:
    """网上预约 (public page): name, 身份证号, phone, the business; one place of the slot."""
    if not name.strip():
        raise QueueError("REQUIRED", "请填写姓名", field="name")
    id_number = clean_id_number(id_number)
    phone = clean_phone(phone)
    if not id_number:
        raise QueueError("REQUIRED", "请填写身份证号", field="id_number")
    if not phone:
        raise QueueError("REQUIRED", "请填写手机号", field="phone")
    the_queue = live_queue(queue)
    _check_person(id_number, the_queue, day)
    slot = _slot(the_queue, day, start)
    _take_place(slot)
    appointment = Appointment.objects.create(
        slot=slot,
        queue=the_queue,
        day=day,
        name=name.strip(),
        id_number=id_number,
        phone=phone,
        item=item.strip()[:100],
        created_at=clock.now(),
    )
    record_event(
        "appointment.booked",
        appointment,
        actor=actor,
        data={"queue": the_queue.code, "day": day.isoformat(), "start": f"{start:%H:%M}"},
    )
    enqueue_notification(
        SMS,
        phone,
        f"您已预约 {day:%m月%d日} {start:%H:%M} {the_queue.name}，请于时段前后到大厅签到取号。",
        subject="预约成功",
    )
    return appointment


def _locked(appointment_id: int) -> Appointment:
    found = (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("queue", "slot")
        .filter(pk=appointment_id)
        .first()
    )
    if found is None:
        raise NotFound("预约", field="appointment")
    return found


@transaction.atomic
def cancel_appointment(appointment_id: int, *, actor: object | None) -> Appointment:
    appointment = _locked(appointment_id)
    if appointment.status != AppointmentStatus.BOOKED:
        raise QueueError(
            "INVALID_TRANSITION", f"预约{appointment.get_status_display()}，不能取消", field="appointment"
        )
    appointment.status = AppointmentStatus.CANCELLED
    appointment.save(update_fields=["status"])
    _give_back(appointment.slot_id)
    record_event("appointment.cancelled", appointment, actor=actor, data={"queue": appointment.queue.code})
    return appointment


@transaction.atomic
def reschedule_appointment(
    appointment_id: int, *, day: dt.date, start: dt.time, actor: object | None
) -> Appointment:
    """改约: the new place is taken before the old one is given back (never left with none)."""
    appointment = _locked(appointment_id)
    if appointment.status != AppointmentStatus.BOOKED:
        raise QueueError(
            "INVALID_TRANSITION", f"预约{appointment.get_status_display()}，不能改约", field="appointment"
        )
    _check_person(appointment.id_number, appointment.queue, day, exclude=appointment.pk)
    slot = _slot(appointment.queue, day, start)
    if slot.pk == appointment.slot_id:
        raise QueueError("INVALID_SLOT", "与原预约时段相同", field="start")
    _take_place(slot)
    before = (appointment.day.isoformat(), f"{appointment.slot.start:%H:%M}")
    _give_back(appointment.slot_id)
    appointment.slot, appointment.day, appointment.reminded = slot, day, False
    appointment.save(update_fields=["slot", "day", "reminded"])
    record_event(
        "appointment.rescheduled",
        appointment,
        actor=actor,
        data={"from": list(before), "to": [day.isoformat(), f"{start:%H:%M}"]},
    )
    return appointment


@transaction.atomic
def check_in(appointment_id: int, *, actor: object | None) -> Appointment:
    """预约签到: within the county's minutes before and after the slot's start, a 预约 ticket."""
    appointment = _locked(appointment_id)
    if appointment.status != AppointmentStatus.BOOKED:
        raise QueueError("INVALID_TRANSITION", f"预约{appointment.get_status_display()}", field="appointment")
    rules = queue_rules().appointments
    now = local(clock.now())
    start = dt.datetime.combine(appointment.day, appointment.slot.start, tzinfo=clock.COUNTY_TZ)
    if now < start - dt.timedelta(minutes=rules.check_in_before_minutes):
        raise QueueError(
            "CHECK_IN_TOO_EARLY",
            f"请在 {start - dt.timedelta(minutes=rules.check_in_before_minutes):%H:%M} 以后签到",
            field="appointment",
        )
    if now > start + dt.timedelta(minutes=rules.check_in_after_minutes):
        raise QueueError("CHECK_IN_TOO_LATE", "已超过签到时间，请现场取号", field="appointment")
    ticket = _create_ticket(
        appointment.queue,
        source=TicketSource.APPOINTMENT,
        kind=TicketKind.APPOINTMENT,
        priority_group="",
        id_number=appointment.id_number,
        phone=appointment.phone,
        actor=actor,
    )
    appointment.status, appointment.ticket = AppointmentStatus.CHECKED_IN, ticket
    appointment.save(update_fields=["status", "ticket"])
    record_event("appointment.checked_in", appointment, actor=actor, data={"ticket": ticket.number})
    return appointment


def todays_booking(id_number: str) -> Appointment:
    """The kiosk's 预约签到 by 身份证号: that person's earliest open booking of today — or of
    tomorrow, whose first slots open their check-in before midnight (``check_in`` decides)."""
    id_number = clean_id_number(id_number)
    today = clock.today()
    found = (
        Appointment.objects.filter(
            id_number=id_number,
            day__in=[today, today + dt.timedelta(days=1)],
            status=AppointmentStatus.BOOKED,
        )
        .order_by("day", "slot__start")
        .first()
    )
    if found is None or not id_number:
        raise NotFound("今天的预约", field="id_number")
    return found


def send_reminders(today: dt.date | None = None) -> int:
    """The day before: one SMS per booking through the outbox (each booking once)."""
    if not queue_rules().appointments.remind_day_before:
        return 0
    tomorrow = (today or clock.today()) + dt.timedelta(days=1)
    sent = 0
    for appointment in Appointment.objects.filter(
        day=tomorrow, status=AppointmentStatus.BOOKED, reminded=False
    ):
        with transaction.atomic():
            if not Appointment.objects.filter(pk=appointment.pk, reminded=False).update(reminded=True):
                continue
            enqueue_notification(
                SMS,
                appointment.phone,
                f"提醒：您预约了明天 {appointment.slot.start:%H:%M} 的{appointment.queue.name}，"
                "请按时到大厅签到。",
                subject="预约提醒",
            )
            record_event("appointment.reminded", appointment, data={"day": tomorrow.isoformat()})
            sent += 1
    return sent
