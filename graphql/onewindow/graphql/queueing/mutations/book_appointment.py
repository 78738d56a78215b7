from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.queueing.types import AppointmentType
from onewindow.tenants.queueing import booking


class BookAppointment(BaseMutation):
    """网上预约（无需登录）：姓名、身份证号、手机号、办理事项，一个时段的一个名额。"""

    class Arguments:
        queue = graphene.String(required=True)
        day = graphene.Date(required=True)
        start = graphene.Time(required=True)
        name = graphene.String(required=True)
        id_number = graphene.String(required=True)
        phone = graphene.String(required=True)
        item = graphene.String()

    appointment = graphene.Field(AppointmentType)

    class Meta:
        permission = None  # a public page

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> BookAppointment:
        found = booking.book_appointment(
            data["queue"],
            day=data["day"],
            start=data["start"],
            name=data["name"],
            id_number=data["id_number"],
            phone=data["phone"],
            item=data.get("item") or "",
            actor=ctx.user if ctx.is_authenticated else None,
        )
        return cls(appointment=found)
