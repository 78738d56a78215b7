"""叫号统计 and the Erlang C staffing recommendation (bounded reports: one row per queue,
window, hour, weekday, queue-hour)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import graphene

from onewindow.graphql.core.permissions import require
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.queueing.statistics import Report, report

MAX_DAYS = 92


class QueueStatRow(graphene.ObjectType):
    key = graphene.String(required=True)
    label = graphene.String(required=True)
    tickets = graphene.Int(required=True)
    served = graphene.Int(required=True)
    abandoned = graphene.Int(required=True, description="未办理即作废（过号未返回、到闭厅仍在等候）")
    mean_wait = graphene.Float(description="平均等候（分钟）")
    mean_service = graphene.Float(description="平均办理（分钟）")
    share_within_target = graphene.Float(description="目标等候时间内叫到的比例")


class StaffingRowType(graphene.ObjectType):
    class Meta:
        name = "StaffingRow"

    queue = graphene.String(required=True)
    hour = graphene.Int(required=True)
    arrivals_per_hour = graphene.Float(required=True)
    service_minutes = graphene.Float(required=True)
    recommended = graphene.Int(required=True, description="Erlang C：目标等候内服务 80% 申请人所需最少窗口数")
    open_windows = graphene.Float(required=True, description="实际开放（叫号）的窗口数，按天平均")


class QueueStatisticsType(graphene.ObjectType):
    class Meta:
        name = "QueueStatistics"

    start = graphene.Date(required=True)
    end = graphene.Date(required=True)
    target_minutes = graphene.Int(required=True)
    by_queue = graphene.List(graphene.NonNull(QueueStatRow), required=True)
    by_window = graphene.List(graphene.NonNull(QueueStatRow), required=True)
    by_hour = graphene.List(graphene.NonNull(QueueStatRow), required=True)
    by_weekday = graphene.List(graphene.NonNull(QueueStatRow), required=True)
    appointments_booked = graphene.Int(required=True)
    appointments_kept = graphene.Int(required=True)
    appointments_missed = graphene.Int(required=True)
    appointments_cancelled = graphene.Int(required=True)
    staffing = graphene.List(graphene.NonNull(StaffingRowType), required=True)


class QueueStatisticsQueries(graphene.ObjectType):
    queue_statistics = graphene.Field(
        QueueStatisticsType,
        required=True,
        start=graphene.Date(description="默认 28 天前"),
        end=graphene.Date(description="默认今天"),
        description="叫号统计与窗口配置建议（最长 92 天）",
    )

    @staticmethod
    @require(Perm.DASHBOARD_VIEW)
    def resolve_queue_statistics(
        root: Any, info: Any, start: dt.date | None = None, end: dt.date | None = None
    ) -> Report:
        end = end or clock.today()
        start = start or end - dt.timedelta(days=27)
        if start > end or (end - start).days >= MAX_DAYS:
            raise BusinessError("INVALID_DAYS", f"统计区间须为 1 到 {MAX_DAYS} 天", field="start")
        return report(start, end)
