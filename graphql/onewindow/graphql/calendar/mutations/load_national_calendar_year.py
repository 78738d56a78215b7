from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.calendar.services import load_national_year


class HolidayInput(graphene.InputObjectType):
    date = graphene.Date(required=True)
    name = graphene.String(required=True, description="节日名称，如“春节”")


class LoadNationalCalendarYear(BaseMutation):
    """加载某年的全国放假安排（国务院办公厅通知）；对该年它优先于内置数据。"""

    class Arguments:
        year = graphene.Int(required=True)
        holidays = graphene.List(graphene.NonNull(HolidayInput), required=True, description="放假日")
        workdays = graphene.List(graphene.NonNull(graphene.Date), required=True, description="调休上班的周末")
        source = graphene.String(description="依据文件，如“国办发明电〔2026〕X号”")

    year = graphene.Int()
    holiday_count = graphene.Int()
    workday_count = graphene.Int()

    class Meta:
        permission = Perm.PLATFORM_MANAGE_CALENDAR

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> LoadNationalCalendarYear:
        row = load_national_year(
            data["year"],
            holidays=[(h["date"], h["name"]) for h in data["holidays"]],
            workdays=data["workdays"],
            source=data.get("source") or "",
            actor=ctx.user,
        )
        return cls(year=row.year, holiday_count=len(data["holidays"]), workday_count=len(data["workdays"]))
