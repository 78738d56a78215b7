from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.queueing.types import AppointmentType
from onewindow.tenants.queueing import booking, links


class RescheduleAppointment(BaseMutation):
    """申请人凭预约链接改约到另一时段。"""

    class Arguments:
        token = graphene.String(required=True)
        day = graphene.Date(required=True)
        start = graphene.Time(required=True)

    appointment = graphene.Field(AppointmentType)

    class Meta:
        permission = None  # the signed link is the credential

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RescheduleAppointment:
        found = links.appointment_from_token(data["token"])
        return cls(
            appointment=booking.reschedule_appointment(
                found.pk, day=data["day"], start=data["start"], actor=None
            )
        )
