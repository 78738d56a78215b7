from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.calendar.types import CalendarOverrideType, OverrideKindEnum
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.workcalendar.services import set_calendar_override


class SetCalendarOverride(BaseMutation):
    """设置本县某日闭厅或加班办公；之后计算的期限按此执行。"""

    class Arguments:
        date = graphene.Date(required=True)
        kind = OverrideKindEnum(required=True)
        reason = graphene.String(required=True)

    override = graphene.Field(CalendarOverrideType)

    class Meta:
        permission = Perm.COUNTY_MANAGE_CALENDAR

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> SetCalendarOverride:
        kind = getattr(data["kind"], "value", data["kind"])
        return cls(override=set_calendar_override(data["date"], kind, data["reason"], actor=ctx.user))
