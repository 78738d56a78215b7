"""Platform API: the national arrangement of each year (放假安排与调休)."""

from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.permissions import require
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.calendar.models import DayKind
from onewindow.platform.calendar.selectors import YearArrangement, known_years, year_arrangement
from onewindow.platform.core import clock

DayKindEnum = graphene.Enum.from_enum(DayKind, description="放假日或调休上班日")


class ArrangementOrigin(graphene.Enum):
    """一年安排的来源"""

    LOADED = "loaded"
    BUNDLED = "bundled"
    MISSING = "missing"


class NationalDayType(graphene.ObjectType):
    class Meta:
        name = "NationalCalendarDay"

    date = graphene.Date(required=True)
    kind = DayKindEnum(required=True)
    name = graphene.String(required=True, description="节日名称（调休上班日为空）")


class NationalYearType(graphene.ObjectType):
    """某年的全国放假安排：已加载的（国务院办公厅通知），或内置数据。"""

    class Meta:
        name = "NationalCalendarYear"

    year = graphene.Int(required=True)
    origin = ArrangementOrigin(required=True)
    source = graphene.String(required=True)
    loaded_at = graphene.DateTime()
    loaded_by = graphene.String(required=True)
    days = graphene.List(graphene.NonNull(NationalDayType), required=True, description="只在按年份查询时给出")

    @staticmethod
    def resolve_origin(root: YearArrangement, info: Any) -> str:
        return root.origin


class PlatformCalendarQueries(graphene.ObjectType):
    national_calendar_years = graphene.List(
        graphene.NonNull(NationalYearType), required=True, description="已加载的年份及去年至明年（最新在前）"
    )
    national_calendar_year = graphene.Field(
        NationalYearType,
        year=graphene.Int(required=True),
        required=True,
        description="某年的安排（含每一天）",
    )

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_national_calendar_years(root: Any, info: Any) -> list[YearArrangement]:
        return known_years(clock.today())

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_national_calendar_year(root: Any, info: Any, year: int) -> YearArrangement:
        return year_arrangement(min(max(year, 2000), 2100))
