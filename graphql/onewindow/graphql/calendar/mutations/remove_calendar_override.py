from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.workcalendar.services import remove_calendar_override


class RemoveCalendarOverride(BaseMutation):
    """取消本县某日的日历调整。"""

    class Arguments:
        date = graphene.Date(required=True)

    removed = graphene.Boolean()

    class Meta:
        permission = Perm.COUNTY_MANAGE_CALENDAR

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RemoveCalendarOverride:
        remove_calendar_override(data["date"], actor=ctx.user)
        return cls(removed=True)
