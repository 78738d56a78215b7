from __future__ import annotations

import datetime as dt
from typing import Any

import graphene
from django.db.models import Prefetch, Q

from onewindow.graphql.core.permissions import require
from onewindow.graphql.fallback.types import (
    AssignmentType,
    FallbackCaseType,
    FallbackStatusEnum,
    LibraryEntry,
)
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core import clock
from onewindow.tenants.fallback.models import Assignment, FallbackCase
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


class FallbackQueries(graphene.ObjectType):
    fallback_weekly_report = graphene.Field(
        WeeklyReportType, required=True, week_of=graphene.Date(description="该周任一天，默认本周")
    )
    fallback_cases = graphene.List(
        graphene.NonNull(FallbackCaseType),
        required=True,
        status=FallbackStatusEnum(),
        description="办不成事（最近 200 件）",
    )
    fallback_case = graphene.Field(
        FallbackCaseType, number=graphene.String(required=True), description="按编号查询一件办不成事"
    )
    case_library = graphene.List(
        graphene.NonNull(LibraryEntry), required=True, search=graphene.String(), description="办不成事案例库"
    )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_fallback_cases(root: Any, info: Any, status: Any = None) -> list[FallbackCase]:
        qs = FallbackCase.objects.prefetch_related(
            "departments", Prefetch("assignments", queryset=Assignment.objects.select_related("department"))
        )
        if status is not None:
            qs = qs.filter(status=getattr(status, "value", status))
        return list(qs.order_by("-registered_at", "-id")[:200])

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_fallback_case(root: Any, info: Any, number: str) -> FallbackCase | None:
        return (
            FallbackCase.objects.prefetch_related(
                "departments",
                Prefetch("assignments", queryset=Assignment.objects.select_related("department")),
            )
            .filter(number=number)
            .first()
        )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_fallback_weekly_report(root: Any, info: Any, week_of: dt.date | None = None) -> WeeklyReport:
        return weekly_report(week_of or clock.today())

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_case_library(root: Any, info: Any, search: str | None = None) -> list[LibraryEntry]:
        qs = FallbackCase.objects.filter(published_at__isnull=False)
        if search:
            qs = qs.filter(Q(library_title__icontains=search) | Q(library_text__icontains=search))
        return [
            LibraryEntry(
                number=c.number, title=c.library_title, text=c.library_text, published_at=c.published_at
            )
            for c in qs.order_by("-published_at")[:100]
        ]
