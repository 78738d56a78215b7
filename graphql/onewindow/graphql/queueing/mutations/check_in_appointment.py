from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.queueing.types import AppointmentType, TicketType
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core.errors import BusinessError, PermissionDenied
from onewindow.tenants.queueing import booking, links


class CheckInAppointment(BaseMutation):
    """预约签到，得到一张预约号票：取号机凭身份证号或预约链接（无需登录），大厅工作人员凭预约 ID。"""

    class Arguments:
        id_number = graphene.String(description="取号机：今天预约人的身份证号")
        token = graphene.String(description="预约链接的凭据")
        appointment = graphene.ID(description="工作人员：预约 ID")

    appointment = graphene.Field(AppointmentType)
    ticket = graphene.Field(TicketType)

    class Meta:
        permission = None  # the kiosk checks in without an account

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> CheckInAppointment:
        if data.get("appointment"):
            if not ctx.has(Perm.QUEUE_CALL):
                raise PermissionDenied()
            pk = decode_id(data["appointment"], "Appointment", field="appointment")
        elif data.get("token"):
            pk = links.appointment_from_token(data["token"]).pk
        elif data.get("id_number"):
            pk = booking.todays_booking(data["id_number"]).pk
        else:
            raise BusinessError("REQUIRED", "请输入身份证号", field="id_number")
        found = booking.check_in(pk, actor=ctx.user if ctx.is_authenticated else None)
        return cls(appointment=found, ticket=found.ticket)
