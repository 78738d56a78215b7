from __future__ import annotations

import datetime as dt
from typing import Any

import graphene
from django.db.models import Q, QuerySet

from onewindow.graphql.core.connections import ConnectionField, ListConnectionField, connection_of
from onewindow.graphql.core.loaders import mark_page
from onewindow.graphql.core.permissions import require
from onewindow.graphql.fallback.types import (
    AssignmentType,
    FallbackCaseType,
    FallbackStatusEnum,
    LibraryEntry,
)
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core import clock
from onewindow.tenants.fallback.models import FallbackCase
from onewindow.tenants.fallback.selectors import WeeklyReport, weekly_report


class WeeklyReportType(graphene.ObjectType):
    """办不成事周报: overdue cases and assignments are named (挂牌警示、点名通报)."""

    class Meta:
        name = "FallbackWeeklyReport"

    week_start = graphene.Date(required=True)
    week_end = graphene.Date(required=True)
    registered = graphene.Int(required=True)
    closed = graphene.Int(required=True)
    overdue_cases = graphene.List(graphene.NonNull(FallbackCaseType), required=True)
    overdue_assignments = graphene.List(graphene.NonNull(AssignmentType), required=True)

    @staticmethod
    def resolve_overdue_cases(root: WeeklyReport, info: Any) -> list[FallbackCase]:
        return list(mark_page(root.overdue_cases))


class FallbackQueries(graphene.ObjectType):
    fallback_weekly_report = graphene.Field(
        WeeklyReportType, required=True, week_of=graphene.Date(description="该周任一天，默认本周")
    )
    fallback_cases = ConnectionField(
        FallbackCaseType, status=FallbackStatusEnum(), description="办不成事（最新在前）", required=True
    )
    fallback_case = graphene.Field(
        FallbackCaseType, number=graphene.String(required=True), description="按编号查询一件办不成事"
    )
    case_library = ListConnectionField(
        connection_of(LibraryEntry, "LibraryEntry"),
        search=graphene.String(),
        description="办不成事案例库（最新发布在前）",
        required=True,
    )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_fallback_cases(root: Any, info: Any, status: Any = None, **_: Any) -> QuerySet[FallbackCase]:
        qs = FallbackCase.objects.select_related("hotline_order")  # departments, assignments: per page
        if status is not None:
            qs = qs.filter(status=getattr(status, "value", status))
        return qs.order_by("-registered_at", "-id")

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_fallback_case(root: Any, info: Any, number: str) -> FallbackCase | None:
        return FallbackCase.objects.select_related("hotline_order").filter(number=number).first()

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_fallback_weekly_report(root: Any, info: Any, week_of: dt.date | None = None) -> WeeklyReport:
        return weekly_report(week_of or clock.today())

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_case_library(
        root: Any, info: Any, search: str | None = None, **_: Any
    ) -> QuerySet[FallbackCase]:
        qs = FallbackCase.objects.filter(published_at__isnull=False)
        if search:
            qs = qs.filter(Q(library_title__icontains=search) | Q(library_text__icontains=search))
        return qs.order_by("-published_at", "-id")
