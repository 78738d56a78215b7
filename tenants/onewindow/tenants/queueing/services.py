"""取号叫号: take a ticket, call the next one, recall, 过号, transfer, serve into a case or a
walk-in consultation; windows pause and resume; tickets expire at closing time. Each act is
one transaction with one audit event.

Calling takes the chosen ticket with ``SELECT … FOR UPDATE SKIP LOCKED``: two windows pressing
"call next" at once lock two different tickets, so no ticket is ever given to two windows
(tests/tenants/test_queue_concurrency.py proves it with 50 callers).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection, transaction
from django.db.models import Case, IntegerField, Max, Q, Value, When

from onewindow.platform.core import clock
from onewindow.platform.core.errors import NotFound
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.cases.models import Case as CaseRow
from onewindow.tenants.cases.services import ApplicantInput, receive_case
from onewindow.tenants.hall.models import Window
from onewindow.tenants.outbox.services import enqueue_notification
from onewindow.tenants.queueing.errors import QueueError
from onewindow.tenants.queueing.hours import closing_time, is_open, local, queue_rules
from onewindow.tenants.queueing.models import (
    OPEN_STATUSES,
    Appointment,
    AppointmentStatus,
    Queue,
    Ticket,
    TicketKind,
    TicketOutcome,
    TicketSource,
    TicketStatus,
    WindowState,
)
from onewindow.tenants.queueing.policy import PRIORITY_GROUPS, QueueSettingsSpec, RuleSpec

NOTIFY_AHEAD = 3  # the SMS goes out when a ticket is three away
SMS = "console"  # the outbox channel the county's SMS gateway is configured as


def actor_name(actor: object | None) -> str:
    return actor if isinstance(actor, str) else str(getattr(actor, "username", "") or "system")


def clean_id_number(value: str, field: str = "id_number") -> str:
    value = value.strip().upper()
    if value and (len(value) != 18 or not value[:17].isdigit()):
        raise QueueError("INVALID_ID_NUMBER", "身份证号应为 18 位", field=field)
    return value


def clean_phone(value: str, field: str = "phone") -> str:
    value = value.strip().replace(" ", "").replace("-", "")
    if value and (len(value) != 11 or not value.isdigit() or value[0] != "1"):
        raise QueueError("INVALID_PHONE", "手机号应为 11 位数字", field=field)
    return value


def live_queue(code: str, field: str = "queue") -> Queue:
    queue = Queue.objects.live().filter(code=code).first()
    if queue is None:
        raise NotFound(f"队列 {code}", field=field)
    return queue


def live_window(code: str, field: str = "window") -> Window:
    window = Window.objects.live().filter(code=code).first()
    if window is None:
        raise NotFound(f"窗口 {code}", field=field)
    return window


def _next_seq(queue: Queue, day: dt.date) -> int:
    """The queue's next daily number, atomically (one statement, no lost update)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO queueing_ticketcounter (queue_id, day, last) VALUES (%s, %s, 1) "
            "ON CONFLICT (queue_id, day) DO UPDATE SET last = queueing_ticketcounter.last + 1 "
            "RETURNING last",
            [queue.pk, day],
        )
        (seq,) = cursor.fetchone()
    return int(seq)


# --- taking a ticket ---------------------------------------------------------------------------


def _create_ticket(
    queue: Queue,
    *,
    source: str,
    kind: str,
    priority_group: str,
    id_number: str,
    phone: str,
    actor: object | None,
) -> Ticket:
    now = clock.now()
    day = local(now).date()
    seq = _next_seq(queue, day)
    ticket = Ticket.objects.create(
        queue=queue,
        day=day,
        seq=seq,
        number=f"{queue.prefix}{seq:03d}",
        kind=kind,
        priority_group=priority_group,
        source=source,
        id_number=id_number,
        phone=phone,
        taken_at=now,
        order_at=now,
        issued_by=actor_name(actor) if source == TicketSource.GUIDE else "",
    )
    record_event(
        "ticket.taken",
        ticket,
        actor=actor,
        data={"number": ticket.number, "queue": queue.code, "source": source, "kind": kind},
    )
    return ticket


@transaction.atomic
def take_ticket(
    queue: str,
    *,
    source: str,
    priority_group: str = "",
    id_number: str = "",
    phone: str = "",
    actor: object | None,
) -> Ticket:
    """取号 at the kiosk, at the 询导 desk for someone, or online. A 绿色通道 group the county
    admits makes a priority ticket; the queue must be open now (closed on holidays)."""
    if source not in (TicketSource.KIOSK, TicketSource.GUIDE, TicketSource.ONLINE):
        raise QueueError("INVALID_CHOICE", "取号渠道无效", field="source")
    the_queue = live_queue(queue)
    rules = queue_rules()
    if priority_group and priority_group not in rules.priority.groups:
        raise QueueError("INVALID_CHOICE", "本中心的绿色通道不含此类人员", field="priority_group")
    if source == TicketSource.ONLINE and not phone.strip():
        raise QueueError("REQUIRED", "网上取号请留手机号，以便叫号前短信提醒", field="phone")
    id_number, phone = clean_id_number(id_number), clean_phone(phone)
    if not is_open(the_queue, clock.now(), rules):
        raise QueueError("QUEUE_CLOSED", f"{the_queue.name} 现在不在办公时间，不能取号", field="queue")
    return _create_ticket(
        the_queue,
        source=source,
        kind=TicketKind.GREEN if priority_group else TicketKind.NORMAL,
        priority_group=priority_group,
        id_number=id_number,
        phone=phone,
        actor=actor,
    )


# --- calling -----------------------------------------------------------------------------------


def _locked_state(window: Window) -> WindowState:
    WindowState.objects.get_or_create(window=window)
    return WindowState.objects.select_for_update(of=("self",)).select_related("current").get(window=window)


def serving_queues(window: Window, rules: QueueSettingsSpec) -> list[str]:
    for entry in rules.serving:
        if entry.window == window.code:
            return list(entry.queues)
    return []


def _normal_calls_since(queue: Queue, day: dt.date, kind: str) -> int:
    """Normal tickets first called since this queue last called a ``kind`` ticket today."""
    last = Ticket.objects.filter(queue=queue, day=day, kind=kind, first_called_at__isnull=False).aggregate(
        at=Max("first_called_at")
    )["at"]
    normals = Ticket.objects.filter(
        queue=queue, day=day, kind=TicketKind.NORMAL, first_called_at__isnull=False
    )
    if last is not None:
        normals = normals.filter(first_called_at__gt=last)
    return normals.count()


def _due(rule: RuleSpec, queue: Queue, day: dt.date, kind: str) -> bool:
    return rule.mode == "first" or _normal_calls_since(queue, day, kind) >= (rule.every or 1)


def _pick(queue: Queue, day: dt.date, now: dt.datetime, rules: QueueSettingsSpec) -> Ticket | None:
    """The ticket the queue's rule calls next, locked; others' locked rows are skipped.

    Rank: (1) a normal ticket past the fairness limit — normal tickets are never starved;
    (2) 绿色通道, then (3) 预约, when their rule is due (``first``: always; ``interleave``:
    after every N normal calls); (4) normal tickets; (5) priority tickets not yet due.
    Within a rank, the earlier place in the queue (``order_at``) first."""
    cutoff = now - dt.timedelta(minutes=rules.priority.fairness_minutes)
    green = 2 if _due(rules.priority.green, queue, day, TicketKind.GREEN) else 5
    appointment = 3 if _due(rules.priority.appointment, queue, day, TicketKind.APPOINTMENT) else 6
    rank = Case(
        When(kind=TicketKind.NORMAL, order_at__lte=cutoff, then=Value(1)),
        When(kind=TicketKind.GREEN, then=Value(green)),
        When(kind=TicketKind.APPOINTMENT, then=Value(appointment)),
        default=Value(4),
        output_field=IntegerField(),
    )
    return (
        Ticket.objects.filter(queue=queue, day=day, status=TicketStatus.WAITING, target_window__isnull=True)
        .annotate(rank=rank)
        .order_by("rank", "order_at", "id")
        .select_for_update(skip_locked=True)
        .first()
    )


def _notify_three_away(queue: Queue, day: dt.date) -> None:
    """SMS through the outbox to the ticket that is now three away (once per ticket)."""
    ahead = list(
        Ticket.objects.filter(queue=queue, day=day, status=TicketStatus.WAITING)
        .order_by("order_at", "id")
        .values_list("pk", "phone", "notified", "number")[:NOTIFY_AHEAD]
    )
    if len(ahead) < NOTIFY_AHEAD:
        return
    pk, phone, notified, number = ahead[NOTIFY_AHEAD - 1]
    if phone and not notified and Ticket.objects.filter(pk=pk, notified=False).update(notified=True):
        enqueue_notification(
            SMS,
            phone,
            f"您的 {number} 号前面还有 {NOTIFY_AHEAD - 1} 位，请到大厅等候叫号。",
            subject="叫号提醒",
        )


@transaction.atomic
def call_next(window: str, *, actor: object | None) -> Ticket | None:
    """叫号: the next ticket for this window — first one transferred to it, then its queues in
    order of preference, each by its rule. None when nobody waits."""
    the_window = live_window(window)
    state = _locked_state(the_window)
    if state.paused:
        raise QueueError("WINDOW_PAUSED", "窗口暂停中，请先恢复叫号", field="window")
    if state.current is not None and state.current.status in (TicketStatus.CALLED, TicketStatus.SERVING):
        raise QueueError(
            "TICKET_OPEN", f"请先办结、转移或过号当前的 {state.current.number} 号", field="window"
        )
    rules = queue_rules()
    codes = serving_queues(the_window, rules)
    now = clock.now()
    day = local(now).date()
    ticket = (
        Ticket.objects.filter(day=day, status=TicketStatus.WAITING, target_window=the_window)
        .order_by("order_at", "id")
        .select_for_update(skip_locked=True)
        .first()
    )
    if ticket is None:
        if not codes:
            raise QueueError("NOT_SERVING", f"窗口 {window} 未配置叫号队列", field="window")
        queues = {q.code: q for q in Queue.objects.live().filter(code__in=codes)}
        for code in codes:
            if code in queues:
                ticket = _pick(queues[code], day, now, rules)
                if ticket is not None:
                    break
    if ticket is None:
        return None
    ticket.status, ticket.window, ticket.target_window = TicketStatus.CALLED, the_window, None
    ticket.called_at, ticket.call_count = now, 1
    ticket.first_called_at = ticket.first_called_at or now
    ticket.save(
        update_fields=["status", "window", "target_window", "called_at", "call_count", "first_called_at"]
    )
    state.current, state.staff_username = ticket, actor_name(actor)
    state.save(update_fields=["current", "staff_username"])
    record_event(
        "ticket.called",
        ticket,
        actor=actor,
        data={"number": ticket.number, "queue": ticket.queue.code, "window": window, "kind": ticket.kind},
    )
    _notify_three_away(ticket.queue, day)
    return ticket


def _locked_ticket(ticket_id: int, field: str = "ticket") -> Ticket:
    ticket = (
        Ticket.objects.select_for_update(of=("self",))
        .select_related("queue", "window")
        .filter(pk=ticket_id)
        .first()
    )
    if ticket is None:
        raise NotFound("号票", field=field)
    return ticket


def _at_window(ticket: Ticket, window: str, *statuses: str) -> Window:
    the_window = live_window(window)
    if ticket.status not in statuses:
        raise QueueError(
            "INVALID_TRANSITION", f"{ticket.number} 号现在{ticket.get_status_display()}", field="ticket"
        )
    if ticket.window_id != the_window.pk:
        raise QueueError("WRONG_WINDOW", f"{ticket.number} 号不在窗口 {window}", field="window")
    return the_window


def _release(window: Window, ticket: Ticket) -> None:
    WindowState.objects.filter(window=window, current=ticket).update(current=None)


@transaction.atomic
def recall(ticket_id: int, *, window: str, actor: object | None) -> Ticket:
    """重呼. Called the county's N times with no answer, the next press parks it (过号)."""
    ticket = _locked_ticket(ticket_id)
    the_window = _at_window(ticket, window, TicketStatus.CALLED)
    if ticket.call_count >= queue_rules().no_show.calls:
        return _park(ticket, the_window, actor, reason="no_answer")
    ticket.call_count += 1
    ticket.called_at = clock.now()
    ticket.save(update_fields=["call_count", "called_at"])
    record_event(
        "ticket.recalled", ticket, actor=actor, data={"number": ticket.number, "calls": ticket.call_count}
    )
    return ticket


def _park(ticket: Ticket, window: Window, actor: object | None, *, reason: str) -> Ticket:
    ticket.status = TicketStatus.PARKED
    ticket.save(update_fields=["status"])
    _release(window, ticket)
    record_event(
        "ticket.parked",
        ticket,
        actor=actor,
        data={"number": ticket.number, "window": window.code, "calls": ticket.call_count, "reason": reason},
    )
    return ticket


@transaction.atomic
def park(ticket_id: int, *, window: str, actor: object | None) -> Ticket:
    """过号: the applicant did not come; the ticket waits aside until they return."""
    ticket = _locked_ticket(ticket_id)
    return _park(ticket, _at_window(ticket, window, TicketStatus.CALLED), actor, reason="no_show")


@transaction.atomic
def return_ticket(ticket_id: int, *, actor: object | None) -> Ticket:
    """过号 returned: back in the queue after M waiting tickets, at most the county's number of
    times."""
    ticket = _locked_ticket(ticket_id)
    if ticket.status != TicketStatus.PARKED:
        raise QueueError("INVALID_TRANSITION", f"{ticket.number} 号不是过号状态", field="ticket")
    rules = queue_rules().no_show
    if ticket.returns >= rules.returns_allowed:
        raise QueueError(
            "NO_MORE_RETURNS",
            f"{ticket.number} 号已过号返回过 {ticket.returns} 次，请重新取号",
            field="ticket",
        )
    waiting = list(
        Ticket.objects.filter(queue=ticket.queue, day=ticket.day, status=TicketStatus.WAITING)
        .order_by("order_at", "id")
        .values_list("order_at", flat=True)[: max(rules.return_after, 1)]
    )
    now = clock.now()
    if rules.return_after == 0:
        ticket.order_at = min([ticket.order_at, *waiting])
    elif len(waiting) >= rules.return_after:
        ticket.order_at = waiting[rules.return_after - 1] + dt.timedelta(microseconds=1)
    else:
        ticket.order_at = now
    ticket.status, ticket.returns, ticket.call_count, ticket.window = (
        TicketStatus.WAITING,
        ticket.returns + 1,
        0,
        None,
    )
    ticket.save(update_fields=["order_at", "status", "returns", "call_count", "window"])
    record_event(
        "ticket.returned", ticket, actor=actor, data={"number": ticket.number, "returns": ticket.returns}
    )
    return ticket


@transaction.atomic
def transfer(
    ticket_id: int,
    *,
    window: str,
    to_queue: str | None = None,
    to_window: str | None = None,
    actor: object | None,
) -> Ticket:
    """转移 to another queue or to one window; the ticket keeps its original place (time)."""
    ticket = _locked_ticket(ticket_id)
    the_window = _at_window(ticket, window, TicketStatus.CALLED, TicketStatus.SERVING)
    if bool(to_queue) == bool(to_window):
        raise QueueError("QUEUE_OR_WINDOW", "请选择转往的队列或窗口（二选一）", field="to_queue")
    before = ticket.queue.code
    if to_queue:
        ticket.queue = live_queue(to_queue, field="to_queue")
        ticket.target_window = None
    else:
        target = live_window(to_window or "", field="to_window")
        if target.pk == the_window.pk:
            raise QueueError("INVALID_VALUE", "不能转给本窗口", field="to_window")
        ticket.target_window = target
    ticket.status, ticket.window, ticket.call_count, ticket.served_at = TicketStatus.WAITING, None, 0, None
    ticket.save(update_fields=["queue", "target_window", "status", "window", "call_count", "served_at"])
    _release(the_window, ticket)
    record_event(
        "ticket.transferred",
        ticket,
        actor=actor,
        data={
            "number": ticket.number,
            "from_queue": before,
            "from_window": window,
            "to_queue": to_queue,
            "to_window": to_window,
        },
    )
    return ticket


@transaction.atomic
def start_serving(ticket_id: int, *, window: str, actor: object | None) -> Ticket:
    """The applicant reached the window: service time starts."""
    ticket = _locked_ticket(ticket_id)
    _at_window(ticket, window, TicketStatus.CALLED)
    ticket.status, ticket.served_at = TicketStatus.SERVING, clock.now()
    ticket.save(update_fields=["status", "served_at"])
    record_event("ticket.serving", ticket, actor=actor, data={"number": ticket.number, "window": window})
    return ticket


def _finish(ticket: Ticket, window: Window, outcome: str, actor: object | None, **data: Any) -> Ticket:
    now = clock.now()
    ticket.status, ticket.outcome, ticket.finished_at = TicketStatus.DONE, outcome, now
    ticket.served_at = ticket.served_at or ticket.called_at
    ticket.save(update_fields=["status", "outcome", "finished_at", "served_at", "case"])
    _release(window, ticket)
    record_event(
        "ticket.served",
        ticket,
        actor=actor,
        data={"number": ticket.number, "window": window.code, "outcome": outcome, **data},
    )
    return ticket


@transaction.atomic
def finish_consultation(ticket_id: int, *, window: str, actor: object | None) -> Ticket:
    """A walk-in consultation with no case: the 评价器's 一次一评 attaches to ``visit_ref``."""
    ticket = _locked_ticket(ticket_id)
    the_window = _at_window(ticket, window, TicketStatus.CALLED, TicketStatus.SERVING)
    return _finish(ticket, the_window, TicketOutcome.CONSULTATION, actor, visit_ref=ticket.visit_ref)


@transaction.atomic
def receive_case_for_ticket(
    ticket_id: int, *, applicant: ApplicantInput, actor: object | None, **case: Any
) -> CaseRow:
    """收件 for a called ticket: the case is received at the ticket's window and carries it."""
    ticket = _locked_ticket(ticket_id)
    window = case.pop("window", None) or (ticket.window.code if ticket.window else "")
    the_window = _at_window(ticket, window, TicketStatus.CALLED, TicketStatus.SERVING)
    received = receive_case(applicant=applicant, window=window, actor=actor, **case)
    ticket.case = received
    _finish(ticket, the_window, TicketOutcome.CASE, actor, case=received.number)
    return received


@transaction.atomic
def pause_window(window: str, *, actor: object | None) -> WindowState:
    """暂停叫号 (a break); not with a ticket still open at the window."""
    state = _locked_state(live_window(window))
    if state.paused:
        raise QueueError("ALREADY_PAUSED", "窗口已暂停", field="window")
    if state.current is not None and state.current.status in (TicketStatus.CALLED, TicketStatus.SERVING):
        raise QueueError(
            "TICKET_OPEN", f"请先办结、转移或过号当前的 {state.current.number} 号", field="window"
        )
    state.paused, state.paused_at = True, clock.now()
    state.save(update_fields=["paused", "paused_at"])
    record_event("window.paused", state.window, actor=actor, data={"window": window})
    return state


@transaction.atomic
def resume_window(window: str, *, actor: object | None) -> WindowState:
    state = _locked_state(live_window(window))
    if not state.paused:
        raise QueueError("NOT_PAUSED", "窗口没有暂停", field="window")
    paused_for = (clock.now() - state.paused_at).total_seconds() if state.paused_at else 0
    state.paused, state.paused_at = False, None
    state.save(update_fields=["paused", "paused_at"])
    record_event(
        "window.resumed", state.window, actor=actor, data={"window": window, "seconds": int(paused_for)}
    )
    return state


# --- closing time ------------------------------------------------------------------------------


def expire_tickets(now: dt.datetime | None = None) -> int:
    """作废 the open tickets of days past and of queues past today's closing time; appointments
    left unchecked-in (or checked in but never served) count as 爽约 for the person."""
    now = now or clock.now()
    today = local(now).date()
    rules = queue_rules()
    expired = 0
    for queue in Queue.objects.all():
        closing = closing_time(queue, today, rules)
        days = Q(day__lt=today) | (Q(day=today) if closing is None or now >= closing else Q(pk__in=[]))
        with transaction.atomic():
            rows = list(
                Ticket.objects.select_for_update(skip_locked=True)
                .filter(days, queue=queue, status__in=OPEN_STATUSES)
                .values_list("pk", "number")
            )
            if not rows:
                continue
            ids = [pk for pk, _n in rows]
            Ticket.objects.filter(pk__in=ids).update(status=TicketStatus.EXPIRED)
            WindowState.objects.filter(current_id__in=ids).update(current=None)
            Appointment.objects.filter(ticket_id__in=ids).update(status=AppointmentStatus.MISSED)
            record_event(
                "tickets.expired", queue, data={"queue": queue.code, "numbers": [n for _pk, n in rows][:200]}
            )
            expired += len(ids)
    with transaction.atomic():
        missed = Appointment.objects.filter(status=AppointmentStatus.BOOKED).filter(
            Q(day__lt=today)
            | Q(day=today, slot__end__lt=_minus(now, rules.appointments.check_in_after_minutes))
        )
        ids = list(missed.values_list("pk", flat=True))
        if ids:
            Appointment.objects.filter(pk__in=ids).update(status=AppointmentStatus.MISSED)
            record_event("appointments.missed", "Appointment", data={"ids": ids[:200], "count": len(ids)})
    return expired


def _minus(now: dt.datetime, minutes: int) -> dt.time:
    return (local(now) - dt.timedelta(minutes=minutes)).time()


__all__ = [
    "NOTIFY_AHEAD",
    "PRIORITY_GROUPS",
    "actor_name",
    "call_next",
    "clean_id_number",
    "clean_phone",
    "expire_tickets",
    "finish_consultation",
    "live_queue",
    "live_window",
    "park",
    "pause_window",
    "recall",
    "receive_case_for_ticket",
    "resume_window",
    "return_ticket",
    "serving_queues",
    "start_serving",
    "take_ticket",
    "transfer",
]
