from __future__ import annotations

import datetime as dt
from typing import Any

import graphene
from django.db.models import QuerySet

from onewindow.graphql.core.connections import ListConnectionField, connection_of
from onewindow.graphql.core.permissions import require
from onewindow.graphql.queueing.types import (
    AppointmentType,
    BoardType,
    DeskType,
    PublicTicketType,
    QueueType,
    SlotType,
    TicketType,
)
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core import clock
from onewindow.tenants.queueing import selectors
from onewindow.tenants.queueing.booking import bookable_days
from onewindow.tenants.queueing.hours import is_open, queue_rules
from onewindow.tenants.queueing.links import appointment_from_token, ticket_from_token
from onewindow.tenants.queueing.models import Appointment, Queue, Ticket
from onewindow.tenants.queueing.policy import PRIORITY_GROUPS
from onewindow.tenants.queueing.services import live_queue, live_window


class PriorityGroupType(graphene.ObjectType):
    class Meta:
        name = "PriorityGroup"

    code = graphene.String(required=True)
    label = graphene.String(required=True)


class KioskQueueType(graphene.ObjectType):
    class Meta:
        name = "KioskQueue"

    queue = graphene.Field(QueueType, required=True)
    open_now = graphene.Boolean(required=True)
    waiting = graphene.Int(required=True)


class QueueingQueries(graphene.ObjectType):
    queues = graphene.List(
        graphene.NonNull(KioskQueueType),
        required=True,
        description="取号机：各队列、是否正在办公、等候人数（无需登录）",
    )
    priority_groups = graphene.List(
        graphene.NonNull(PriorityGroupType), required=True, description="本县绿色通道的人员类别"
    )
    queue_board = graphene.Field(BoardType, required=True, description="大厅显示屏（无需登录，无个人信息）")
    public_ticket = graphene.Field(
        PublicTicketType, token=graphene.String(required=True), description="凭号票二维码查看排队进度"
    )
    window_desk = graphene.Field(
        DeskType, required=True, window=graphene.String(required=True), description="窗口叫号台"
    )
    tickets_today = ListConnectionField(
        connection_of(TicketType, "Ticket"),
        status=graphene.String(),
        queue=graphene.String(),
        required=True,
        description="今天的号票（按排队顺序）",
    )
    bookable_days = graphene.List(graphene.NonNull(graphene.Date), required=True, description="可预约的日期")
    appointment_slots = graphene.List(
        graphene.NonNull(SlotType),
        required=True,
        queue=graphene.String(required=True),
        day=graphene.Date(required=True),
        description="某队列某天的预约时段和余量（无需登录）",
    )
    public_appointment = graphene.Field(
        AppointmentType, token=graphene.String(required=True), description="凭预约链接查看、取消或改约"
    )
    appointments = ListConnectionField(
        connection_of(AppointmentType, "Appointment"),
        day=graphene.Date(),
        queue=graphene.String(),
        required=True,
        description="当日预约（按时段）",
    )

    @staticmethod
    def resolve_queues(root: Any, info: Any) -> list[dict[str, Any]]:
        rules, now = queue_rules(), clock.now()
        counts = selectors.waiting_counts()
        return [
            {"queue": q, "open_now": is_open(q, now, rules), "waiting": counts.get(q.pk, 0)}
            for q in Queue.objects.live()
        ]

    @staticmethod
    def resolve_priority_groups(root: Any, info: Any) -> list[dict[str, str]]:
        return [{"code": g, "label": PRIORITY_GROUPS[g]} for g in queue_rules().priority.groups]

    @staticmethod
    def resolve_queue_board(root: Any, info: Any) -> selectors.Board:
        return selectors.board()

    @staticmethod
    def resolve_public_ticket(root: Any, info: Any, token: str) -> Ticket:
        return ticket_from_token(token)

    @staticmethod
    @require(Perm.QUEUE_CALL)
    def resolve_window_desk(root: Any, info: Any, window: str) -> selectors.Desk:
        return selectors.desk(live_window(window))

    @staticmethod
    @require(Perm.QUEUE_CALL)
    def resolve_tickets_today(
        root: Any, info: Any, status: str | None = None, queue: str | None = None, **_: Any
    ) -> QuerySet[Ticket]:
        return selectors.tickets_today(status, queue)

    @staticmethod
    def resolve_bookable_days(root: Any, info: Any) -> list[dt.date]:
        return bookable_days()

    @staticmethod
    def resolve_appointment_slots(root: Any, info: Any, queue: str, day: dt.date) -> list[selectors.Slot]:
        return selectors.slots(live_queue(queue), day)

    @staticmethod
    def resolve_public_appointment(root: Any, info: Any, token: str) -> Appointment:
        return appointment_from_token(token)

    @staticmethod
    @require(Perm.QUEUE_CALL)
    def resolve_appointments(
        root: Any, info: Any, day: dt.date | None = None, queue: str | None = None, **_: Any
    ) -> QuerySet[Appointment]:
        return selectors.day_bookings(day or clock.today(), queue)
