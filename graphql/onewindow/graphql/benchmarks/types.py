"""跨县对标 as the API shows it: metrics, league tables, a county's profile, trends."""

from __future__ import annotations

from typing import Any

import graphene

from onewindow.platform.benchmarks import periods
from onewindow.platform.benchmarks.selectors import LeagueTable, ProfileLine, ShownRow, TrendPoint


class BenchmarkPeriod(graphene.Enum):
    """对标期间"""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class PeerGroup(graphene.Enum):
    """对比范围：全省、同一地级市、办件量相近（小/中/大）的县"""

    PROVINCE = "province"
    CITY = "city"
    SIZE = "size"


class MetricType(graphene.ObjectType):
    """一项对标指标（现行版本）。比率的值为 0–1，目标为百分数。"""

    class Meta:
        name = "BenchmarkMetric"

    code = graphene.String(required=True)
    name = graphene.String(required=True)
    definition = graphene.String(required=True, description="口径")
    kind = graphene.String(required=True, description="rate / mean / per_100")
    unit = graphene.String(required=True, description="percent / working_days / days / minutes / per_100")
    direction = graphene.String(required=True, description="higher / lower：哪个方向更好")
    min_sample = graphene.Int(required=True, description="参与排名所需的最小样本（分母）")
    source = graphene.String(required=True, description="依据")
    version = graphene.Int(required=True)


class CountyRef(graphene.ObjectType):
    class Meta:
        name = "BenchmarkCounty"

    code = graphene.String(description="匿名时为空")
    name = graphene.String(required=True, description="县名；未公布时为“第N名”或“某县”")
    is_self = graphene.Boolean(required=True, description="是否为当前访问的县")


class LeagueRowType(graphene.ObjectType):
    """一行。未公布时，其他县只有名次和指标值：样本、目标、变化、规模都为空。"""

    class Meta:
        name = "LeagueRow"

    county = graphene.Field(CountyRef, required=True)
    rank = graphene.Int(description="名次；样本不足时为空")
    eligible = graphene.Boolean(required=True, description="样本是否足以排名")
    value = graphene.Float(description="指标值（比率为 0–1）；没有数据时为空")
    low = graphene.Float(description="比率的 95% 置信区间下限（Wilson）")
    high = graphene.Float(description="比率的 95% 置信区间上限")
    numerator = graphene.Float()
    denominator = graphene.Float(description="样本")
    target = graphene.Float(description="该县目标（比率为百分数）")
    target_met = graphene.Boolean(description="是否达到目标")
    change = graphene.Float(description="与上一期相比的变化（两期样本都足够时）")
    size_band = graphene.String(description="办件量分档：小 / 中 / 大；不足三个县时为 —")

    @staticmethod
    def resolve_county(root: ShownRow, info: Any) -> CountyRef:
        return CountyRef(code=root.code, name=root.name, is_self=root.is_self)


class LeagueTableType(graphene.ObjectType):
    """一项指标、一个期间的排名表（公平排名：样本不足不排名，比率按置信下限排名）。"""

    class Meta:
        name = "LeagueTable"

    metric = graphene.Field(MetricType, required=True)
    period = BenchmarkPeriod(required=True)
    starts_on = graphene.Date(required=True)
    ends_on = graphene.Date(required=True)
    label = graphene.String(required=True, description="如“2026年第4季度”")
    peer_label = graphene.String(required=True, description="对比范围，如“内蒙古自治区”")
    published = graphene.Boolean(required=True, description="省里是否公布了本期各县名称")
    ranked = graphene.Int(required=True, description="参与排名的县数")
    total = graphene.Int(required=True, description="对比范围内的县数")
    q1 = graphene.Float()
    median = graphene.Float()
    q3 = graphene.Float()
    peers_hidden = graphene.Boolean(required=True, description="同组县太少（不足 5 个），公布前不显示其他县")
    rows = graphene.List(graphene.NonNull(LeagueRowType), required=True)

    @staticmethod
    def resolve_rows(root: LeagueTable, info: Any) -> list[ShownRow]:
        return root.shown()

    @staticmethod
    def resolve_label(root: LeagueTable, info: Any) -> str:
        return periods.label(root.period, root.starts_on)

    @staticmethod
    def resolve_total(root: LeagueTable, info: Any) -> int:
        return len(root.rows)

    @staticmethod
    def resolve_q1(root: LeagueTable, info: Any) -> float | None:
        return root.spread[0] if root.spread else None

    @staticmethod
    def resolve_median(root: LeagueTable, info: Any) -> float | None:
        return root.spread[1] if root.spread else None

    @staticmethod
    def resolve_q3(root: LeagueTable, info: Any) -> float | None:
        return root.spread[2] if root.spread else None


class ProfileLineType(graphene.ObjectType):
    """一个县在一项指标上与全省的对比。"""

    class Meta:
        name = "BenchmarkProfileLine"

    metric = graphene.Field(MetricType, required=True)
    row = graphene.Field(LeagueRowType, description="该县的一行；不在对比范围内时为空")
    ranked = graphene.Int(required=True)
    q1 = graphene.Float()
    median = graphene.Float()
    q3 = graphene.Float()

    @staticmethod
    def resolve_q1(root: ProfileLine, info: Any) -> float | None:
        return root.spread[0] if root.spread else None

    @staticmethod
    def resolve_median(root: ProfileLine, info: Any) -> float | None:
        return root.spread[1] if root.spread else None

    @staticmethod
    def resolve_q3(root: ProfileLine, info: Any) -> float | None:
        return root.spread[2] if root.spread else None


class TrendPointType(graphene.ObjectType):
    class Meta:
        name = "BenchmarkTrendPoint"

    starts_on = graphene.Date(required=True)
    label = graphene.String(required=True)
    value = graphene.Float(description="该县的值")
    median = graphene.Float(description="全省中位数")

    @staticmethod
    def resolve_value(root: TrendPoint, info: Any) -> float | None:
        return root.value
