"""领导驾驶舱's object types: plain objects read off the dashboard selector's dataclasses."""

from __future__ import annotations

import graphene

from onewindow.graphql.scoring.types import PeriodStatusEnum


class DashboardWeek(graphene.ObjectType):
    """One week (Monday to Sunday, county time)."""

    starts_on = graphene.Date(required=True)
    ends_on = graphene.Date(required=True)
    received = graphene.Int(required=True, description="收件（一件事计一件）")
    decided = graphene.Int(required=True, description="办结（准予或不予许可）")
    decided_on_time = graphene.Int(required=True, description="按时办结（到期日当天或之前）")
    overdue = graphene.Int(required=True, description="超期：到期日在本周且已过、未按时办结")
    reviews = graphene.Int(required=True, description="好差评（办件与现场评价）")
    good_reviews = graphene.Int(required=True, description="好评（3–5：基本满意及以上）")
    on_time_rate = graphene.Float(description="按时办结率 = 按时办结 / 办结；无办结时为空")
    good_rate = graphene.Float(description="好评率 = 好评 / 好差评；无评价时为空")


class DashboardAgeBucket(graphene.ObjectType):
    """Open 办不成事 and 差评 work orders whose age (natural days) is in [minDays, maxDays]."""

    label = graphene.String(required=True)
    min_days = graphene.Int(required=True)
    max_days = graphene.Int(description="空：不设上限")
    fallback = graphene.Int(required=True, description="未销号的办不成事")
    work_orders = graphene.Int(required=True, description="未归档的差评整改工单")


class DashboardRankingRow(graphene.ObjectType):
    rank = graphene.Int(required=True)
    subject = graphene.String(required=True, description="被考核对象代码")
    name = graphene.String(required=True)
    total = graphene.Decimal(required=True)
    vetoed = graphene.Boolean(required=True, description="一票否决")


class DashboardRanking(graphene.ObjectType):
    """The most recent closed assessment period (公示中 or 已定稿) and its top rows."""

    rule_set = graphene.String(required=True)
    rule_set_name = graphene.String(required=True)
    subject_kind = graphene.String(required=True, description="department / window / staff")
    starts_on = graphene.Date(required=True)
    ends_on = graphene.Date(required=True)
    status = PeriodStatusEnum(required=True)
    rows = graphene.List(graphene.NonNull(DashboardRankingRow), required=True)


class DashboardType(graphene.ObjectType):
    class Meta:
        name = "Dashboard"

    today = graphene.Date(required=True)
    this_week = graphene.Field(DashboardWeek, required=True)
    weeks = graphene.List(
        graphene.NonNull(DashboardWeek), required=True, description="逐周，最早的在前，最后一周是本周"
    )
    overdue_now = graphene.Int(required=True, description="当前超期在办（超期与挂牌警示）")
    open_fallback = graphene.Int(required=True, description="未销号的办不成事")
    open_work_orders = graphene.Int(required=True, description="未归档的差评整改工单")
    open_by_age = graphene.List(
        graphene.NonNull(DashboardAgeBucket), required=True, description="按自然日龄分段"
    )
    ranking = graphene.Field(DashboardRanking, description="最近一期已公示的考核排名；尚无则为空")

    @staticmethod
    def resolve_open_by_age(root: object, info: object) -> object:
        return root.ages  # type: ignore[attr-defined]
