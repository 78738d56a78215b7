from __future__ import annotations

import graphene

from onewindow.tenants.workcalendar.models import OverrideKind

OverrideKindEnum = graphene.Enum.from_enum(OverrideKind, description="日历调整类型")


class CalendarOverrideType(graphene.ObjectType):
    class Meta:
        name = "CalendarOverride"

    date = graphene.Date(required=True)
    kind = OverrideKindEnum(required=True)
    reason = graphene.String(required=True)


class CalendarDayType(graphene.ObjectType):
    """One day of the county's calendar: the national arrangement, the county's own override,
    and whether it is a working day after both."""

    class Meta:
        name = "CalendarDay"

    date = graphene.Date(required=True)
    working_day = graphene.Boolean(description="是否工作日；该年尚无全国放假安排时为空（不猜测）")
    national = graphene.String(required=True, description="holiday（法定节假日）/ workday（调休上班）/ 空")
    national_name = graphene.String(required=True, description="节日名称，如 春节")
    override_kind = graphene.String(required=True, description="本县调整：closed / working / 空")
    override_reason = graphene.String(required=True)


class CalendarMonthType(graphene.ObjectType):
    class Meta:
        name = "CalendarMonth"

    year = graphene.Int(required=True)
    month = graphene.Int(required=True)
    source = graphene.String(
        required=True,
        description="全国安排的来源：loaded（省级运营人员加载）/ package（内置日历包）/ missing（无数据）",
    )
    days = graphene.List(graphene.NonNull(CalendarDayType), required=True, description="该月每一天")
