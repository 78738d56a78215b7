from __future__ import annotations

import datetime as dt
from typing import Any

import graphene
from django.db.models import QuerySet

from onewindow.graphql.calendar.types import CalendarOverrideType
from onewindow.graphql.core.connections import ListConnectionField, connection_of
from onewindow.graphql.core.permissions import require
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.workcalendar.calendar import WorkingCalendar
from onewindow.tenants.workcalendar.models import CalendarOverride


class CalendarQueries(graphene.ObjectType):
    calendar_overrides = ListConnectionField(
        connection_of(CalendarOverrideType, "CalendarOverride"),
        description="本县的日历调整（按日期）",
        required=True,
    )
    add_working_days = graphene.Date(
        start=graphene.Date(required=True),
        days=graphene.Int(required=True),
        description="按本县日历，start 之后第 days 个工作日（start 当日不计）",
    )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_calendar_overrides(root: Any, info: Any, **_: Any) -> QuerySet[CalendarOverride]:
        return CalendarOverride.objects.order_by("date", "id")

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_add_working_days(root: Any, info: Any, start: dt.date, days: int) -> dt.date:
        if not 0 <= days <= 365:
            raise BusinessError("INVALID_DAYS", "days 必须在 0 到 365 之间", field="days")
        return WorkingCalendar.for_active_county().add_working_days(start, days)
