from __future__ import annotations

import datetime as dt
from typing import Any

import graphene
from django.db.models import QuerySet

from onewindow.graphql.calendar.types import CalendarMonthType, CalendarOverrideType
from onewindow.graphql.core.connections import ListConnectionField, connection_of
from onewindow.graphql.core.permissions import require
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.workcalendar.calendar import WorkingCalendar
from onewindow.tenants.workcalendar.models import CalendarOverride
from onewindow.tenants.workcalendar.selectors import Month, month_days


class CalendarQueries(graphene.ObjectType):
    calendar_overrides = ListConnectionField(
        connection_of(CalendarOverrideType, "CalendarOverride"),
        description="本县的日历调整（按日期）",
        required=True,
    )
    calendar_month = graphene.Field(
        CalendarMonthType,
        required=True,
        year=graphene.Int(required=True),
        month=graphene.Int(required=True),
        description="本县日历的一个月：全国放假与调休、本县闭厅与加班日、每天是否工作日",
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
    def resolve_calendar_month(root: Any, info: Any, year: int, month: int) -> Month:
        if not 2000 <= year <= 2100:
            raise BusinessError("INVALID_YEAR", "年份须在 2000 到 2100 之间", field="year")
        if not 1 <= month <= 12:
            raise BusinessError("INVALID_VALUE", "月份须在 1 到 12 之间", field="month")
        return month_days(year, month)

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_add_working_days(root: Any, info: Any, start: dt.date, days: int) -> dt.date:
        if not 0 <= days <= 365:
            raise BusinessError("INVALID_DAYS", "days 必须在 0 到 365 之间", field="days")
        return WorkingCalendar.for_active_county().add_working_days(start, days)
