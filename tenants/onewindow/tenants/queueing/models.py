"""取号叫号 (queue tickets), the windows' calling state and 预约 (appointments).

A ticket's place in its queue is ``order_at``: the moment it was taken, kept on transfer
(DOMAIN §8 "Queue tickets"), moved back by the no-show rule when a parked applicant returns.
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models

from onewindow.tenants.hall.models import ConfigEntity, Window


class Queue(ConfigEntity):
    """队列: one ticket prefix and daily sequence (A001), the business it takes."""

    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=2)
    categories = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    zones = ArrayField(models.CharField(max_length=64), default=list, blank=True)
    service_minutes = models.PositiveIntegerField(default=10)  # expected, before any is measured
    slot_capacity = models.PositiveIntegerField(default=0)  # appointments per slot; 0: no booking
    extended_only = models.BooleanField(default=False)

    class Meta(ConfigEntity.Meta):
        verbose_name = "叫号队列"


class QueueSettings(models.Model):
    """The county's calling rules (one row; absent: the spec's defaults). JSON as the pack has it."""

    serving = models.JSONField(default=list)  # [{window, queues: [preference order]}]
    hours = models.JSONField(default=list)  # [{days: [1..7], intervals: ["09:00-12:00", …]}]
    extra_hours = models.JSONField(default=list)  # 延时 / 错时 / 周末: [{days, intervals, queues, note}]
    holidays_closed = models.BooleanField(default=True)
    priority = models.JSONField(default=dict)
    no_show = models.JSONField(default=dict)
    appointments = models.JSONField(default=dict)
    target_wait_minutes = models.PositiveIntegerField(default=20)

    class Meta:
        verbose_name = "叫号设置"

    def __str__(self) -> str:
        return "叫号设置"


class TicketKind(models.TextChoices):
    NORMAL = "normal", "普通"
    GREEN = "green", "绿色通道"
    APPOINTMENT = "appointment", "预约"


class TicketSource(models.TextChoices):
    KIOSK = "kiosk", "取号机"
    GUIDE = "guide", "询导台"
    ONLINE = "online", "网上取号"
    APPOINTMENT = "appointment", "预约签到"


class TicketStatus(models.TextChoices):
    WAITING = "waiting", "等候中"
    CALLED = "called", "已叫号"
    SERVING = "serving", "办理中"
    PARKED = "parked", "过号"
    DONE = "done", "已办结"
    EXPIRED = "expired", "已作废"


OPEN_STATUSES = (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING, TicketStatus.PARKED)


class TicketOutcome(models.TextChoices):
    CASE = "case", "收件"
    CONSULTATION = "consultation", "咨询"


class Ticket(models.Model):
    """一张号票. ``number`` is the prefix and the queue's daily sequence (A023)."""

    queue = models.ForeignKey(Queue, on_delete=models.PROTECT, related_name="tickets")
    day = models.DateField()
    seq = models.PositiveIntegerField()
    number = models.CharField(max_length=8)
    kind = models.CharField(max_length=16, choices=TicketKind.choices, default=TicketKind.NORMAL)
    priority_group = models.CharField(max_length=16, blank=True)
    source = models.CharField(max_length=16, choices=TicketSource.choices)
    status = models.CharField(max_length=16, choices=TicketStatus.choices, default=TicketStatus.WAITING)
    id_number = models.CharField(max_length=18, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    taken_at = models.DateTimeField()
    order_at = models.DateTimeField()
    called_at = models.DateTimeField(null=True, blank=True)
    first_called_at = models.DateTimeField(null=True, blank=True)
    served_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    window = models.ForeignKey(Window, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    target_window = models.ForeignKey(
        Window, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    call_count = models.PositiveIntegerField(default=0)
    returns = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=16, choices=TicketOutcome.choices, blank=True)
    case = models.OneToOneField(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="ticket"
    )
    notified = models.BooleanField(default=False)  # the "three away" SMS went out
    issued_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["day", "queue", "seq"]
        verbose_name = "号票"
        # the number stays on a transferred ticket (it is printed on the applicant's paper)
        constraints = [models.UniqueConstraint(fields=["day", "number"], name="ticket_day_number")]
        indexes = [
            models.Index(fields=["queue", "status", "order_at"], name="ticket_waiting"),
            models.Index(fields=["day", "status"], name="ticket_day_status"),
        ]

    def __str__(self) -> str:
        return self.visit_ref

    @property
    def visit_ref(self) -> str:
        """The 评价器's 一次一评 key for a walk-in consultation: ``A012-20261121``."""
        return f"{self.number}-{self.day:%Y%m%d}"


class TicketCounter(models.Model):
    """The daily sequence of a queue (A001, A002 …), taken under the row's lock."""

    queue = models.ForeignKey(Queue, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["queue", "day"], name="ticket_counter_queue_day")]

    def __str__(self) -> str:
        return f"{self.queue_id} {self.day} {self.last}"


class WindowState(models.Model):
    """A window's calling state: open or on a break (暂停), the ticket it has now."""

    window = models.OneToOneField(Window, on_delete=models.CASCADE, related_name="queue_state")
    paused = models.BooleanField(default=False)
    paused_at = models.DateTimeField(null=True, blank=True)
    current = models.ForeignKey(Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    staff_username = models.CharField(max_length=150, blank=True)

    def __str__(self) -> str:
        return f"{self.window_id} {'暂停' if self.paused else '叫号'}"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", "已预约"
    CANCELLED = "cancelled", "已取消"
    CHECKED_IN = "checked_in", "已签到"
    MISSED = "missed", "爽约"


class AppointmentSlot(models.Model):
    """One slot of a queue's day: its capacity and how many are booked (booked ≤ capacity)."""

    queue = models.ForeignKey(Queue, on_delete=models.PROTECT, related_name="slots")
    day = models.DateField()
    start = models.TimeField()
    end = models.TimeField()
    capacity = models.PositiveIntegerField()
    booked = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["day", "start"]
        constraints = [
            models.UniqueConstraint(fields=["queue", "day", "start"], name="slot_queue_day_start"),
            models.CheckConstraint(
                condition=models.Q(booked__lte=models.F("capacity")), name="slot_not_over"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.start:%H:%M} {self.booked}/{self.capacity}"


class Appointment(models.Model):
    """预约: a person, an item, a slot; checked in at the hall it becomes a ticket."""

    slot = models.ForeignKey(AppointmentSlot, on_delete=models.PROTECT, related_name="appointments")
    queue = models.ForeignKey(Queue, on_delete=models.PROTECT, related_name="appointments")
    day = models.DateField()
    name = models.CharField(max_length=50)
    id_number = models.CharField(max_length=18)
    phone = models.CharField(max_length=20)
    item = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        max_length=16, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    created_at = models.DateTimeField()
    ticket = models.OneToOneField(
        Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="appointment"
    )
    reminded = models.BooleanField(default=False)

    class Meta:
        ordering = ["day", "slot__start", "id"]
        verbose_name = "预约"
        indexes = [models.Index(fields=["id_number", "status", "day"], name="appointment_person")]

    def __str__(self) -> str:
        return f"{self.day} {self.name}"
