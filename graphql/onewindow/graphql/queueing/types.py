"""取号叫号 and 预约 types. Public types carry no personal data."""

from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.ids import resolve_global_id
from onewindow.tenants.queueing.links import appointment_token, ticket_token
from onewindow.tenants.queueing.models import Appointment, Queue, Ticket
from onewindow.tenants.queueing.policy import PRIORITY_GROUPS
from onewindow.tenants.queueing.selectors import Board, Desk, QueueLine, Slot, masked, waiting_ahead


class QueueType(graphene.ObjectType):
    """叫号队列."""

    class Meta:
        name = "Queue"

    code = graphene.String(required=True)
    name = graphene.String(required=True)
    prefix = graphene.String(required=True)
    takes_bookings = graphene.Boolean(required=True)

    @staticmethod
    def resolve_takes_bookings(root: Queue, info: Any) -> bool:
        return root.slot_capacity > 0


class QueueLineType(graphene.ObjectType):
    class Meta:
        name = "QueueLine"

    queue = graphene.Field(QueueType, required=True)
    waiting = graphene.Int(required=True, description="等候人数")

    @staticmethod
    def resolve_queue(root: QueueLine, info: Any) -> Queue:
        return root.queue


class TicketType(graphene.ObjectType):
    """号票."""

    class Meta:
        name = "Ticket"

    id = graphene.ID(required=True)
    number = graphene.String(required=True)
    queue = graphene.Field(QueueType, required=True)
    kind = graphene.String(required=True, description="normal / green / appointment")
    kind_label = graphene.String(required=True)
    priority_group_label = graphene.String(required=True, description="绿色通道类别，普通号为空")
    status = graphene.String(
        required=True, description="waiting / called / serving / parked / done / expired"
    )
    status_label = graphene.String(required=True)
    source = graphene.String(required=True)
    taken_at = graphene.DateTime(required=True)
    called_at = graphene.DateTime()
    window_code = graphene.String()
    window_name = graphene.String()
    call_count = graphene.Int(required=True)
    returns = graphene.Int(required=True)
    waiting_ahead = graphene.Int(required=True, description="排在前面的等候人数")
    visit_ref = graphene.String(required=True, description="一次一评的服务编号")
    case_number = graphene.String()
    id_number_masked = graphene.String(required=True)
    token = graphene.String(required=True, description="号票二维码链接的凭据")

    resolve_id = staticmethod(resolve_global_id)

    @staticmethod
    def resolve_kind_label(root: Ticket, info: Any) -> str:
        return str(root.get_kind_display())

    @staticmethod
    def resolve_priority_group_label(root: Ticket, info: Any) -> str:
        return PRIORITY_GROUPS.get(root.priority_group, "")

    @staticmethod
    def resolve_status_label(root: Ticket, info: Any) -> str:
        return str(root.get_status_display())

    @staticmethod
    def resolve_window_code(root: Ticket, info: Any) -> str | None:
        return root.window.code if root.window else None

    @staticmethod
    def resolve_window_name(root: Ticket, info: Any) -> str | None:
        return root.window.name if root.window else None

    @staticmethod
    def resolve_waiting_ahead(root: Ticket, info: Any) -> int:
        return waiting_ahead(root)

    @staticmethod
    def resolve_case_number(root: Ticket, info: Any) -> str | None:
        return root.case.number if root.case_id else None  # type: ignore[union-attr]

    @staticmethod
    def resolve_id_number_masked(root: Ticket, info: Any) -> str:
        return masked(root.id_number)

    @staticmethod
    def resolve_token(root: Ticket, info: Any) -> str:
        return ticket_token(root)


class PublicTicketType(graphene.ObjectType):
    """What the phone behind the ticket's QR code sees."""

    class Meta:
        name = "PublicTicket"

    number = graphene.String(required=True)
    queue_name = graphene.String(required=True)
    status = graphene.String(required=True)
    status_label = graphene.String(required=True)
    taken_at = graphene.DateTime(required=True)
    waiting_ahead = graphene.Int(required=True)
    window_name = graphene.String()

    @staticmethod
    def resolve_queue_name(root: Ticket, info: Any) -> str:
        return root.queue.name

    resolve_status_label = TicketType.resolve_status_label
    resolve_waiting_ahead = TicketType.resolve_waiting_ahead
    resolve_window_name = TicketType.resolve_window_name


class BoardCallType(graphene.ObjectType):
    class Meta:
        name = "BoardCall"

    key = graphene.String(required=True, description="每次叫号（含重呼）不同：显示屏据此播报")
    number = graphene.String(required=True)
    window_code = graphene.String(required=True)
    window_name = graphene.String(required=True)
    window_label = graphene.String(required=True, description="播报用的窗口称呼，如 5号窗口")
    called_at = graphene.DateTime(required=True)

    @staticmethod
    def resolve_key(root: Ticket, info: Any) -> str:
        return f"{root.pk}-{root.call_count}-{root.called_at:%H%M%S}"

    @staticmethod
    def resolve_window_code(root: Ticket, info: Any) -> str:
        return root.window.code if root.window else ""

    @staticmethod
    def resolve_window_name(root: Ticket, info: Any) -> str:
        return root.window.name if root.window else ""

    @staticmethod
    def resolve_window_label(root: Ticket, info: Any) -> str:
        code = root.window.code if root.window else ""
        digits = "".join(ch for ch in code if ch.isdigit()).lstrip("0")
        return f"{digits}号窗口" if digits else (root.window.name if root.window else "")


class BoardType(graphene.ObjectType):
    """大厅显示屏."""

    class Meta:
        name = "QueueBoard"

    current = graphene.List(graphene.NonNull(BoardCallType), required=True)
    recent = graphene.List(graphene.NonNull(BoardCallType), required=True)
    queues = graphene.List(graphene.NonNull(QueueLineType), required=True)
    updated_at = graphene.DateTime(required=True)

    @staticmethod
    def resolve_current(root: Board, info: Any) -> list[Ticket]:
        return root.current


class DeskType(graphene.ObjectType):
    """A window's calling desk."""

    class Meta:
        name = "WindowDesk"

    window_code = graphene.String(required=True)
    window_name = graphene.String(required=True)
    paused = graphene.Boolean(required=True)
    current = graphene.Field(TicketType)
    queues = graphene.List(graphene.NonNull(QueueLineType), required=True)

    @staticmethod
    def resolve_window_code(root: Desk, info: Any) -> str:
        return root.window.code

    @staticmethod
    def resolve_window_name(root: Desk, info: Any) -> str:
        return root.window.name


class SlotType(graphene.ObjectType):
    class Meta:
        name = "AppointmentSlot"

    start = graphene.Time(required=True)
    end = graphene.Time(required=True)
    capacity = graphene.Int(required=True)
    left = graphene.Int(required=True)

    @staticmethod
    def resolve_left(root: Slot, info: Any) -> int:
        return root.left


class AppointmentType(graphene.ObjectType):
    """预约 (staff view: the 身份证号 masked)."""

    class Meta:
        name = "Appointment"

    id = graphene.ID(required=True)
    queue = graphene.Field(QueueType, required=True)
    day = graphene.Date(required=True)
    start = graphene.Time(required=True)
    end = graphene.Time(required=True)
    name = graphene.String(required=True)
    id_number_masked = graphene.String(required=True)
    phone_tail = graphene.String(required=True)
    item = graphene.String(required=True)
    status = graphene.String(required=True, description="booked / cancelled / checked_in / missed")
    status_label = graphene.String(required=True)
    ticket_number = graphene.String()
    token = graphene.String(required=True, description="取消/改约链接的凭据")

    resolve_id = staticmethod(resolve_global_id)

    @staticmethod
    def resolve_start(root: Appointment, info: Any) -> Any:
        return root.slot.start

    @staticmethod
    def resolve_end(root: Appointment, info: Any) -> Any:
        return root.slot.end

    @staticmethod
    def resolve_id_number_masked(root: Appointment, info: Any) -> str:
        return masked(root.id_number)

    @staticmethod
    def resolve_phone_tail(root: Appointment, info: Any) -> str:
        return root.phone[-4:]

    @staticmethod
    def resolve_status_label(root: Appointment, info: Any) -> str:
        return str(root.get_status_display())

    @staticmethod
    def resolve_ticket_number(root: Appointment, info: Any) -> str | None:
        return root.ticket.number if root.ticket_id else None  # type: ignore[union-attr]

    @staticmethod
    def resolve_token(root: Appointment, info: Any) -> str:
        return appointment_token(root)
