"""跨县对标: the province's league tables, profiles and trends (platform API), and a county's own
view of them (county API: its row named, its peers anonymised unless the period is published).
Every resolver reads the public aggregates only."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import graphene

from onewindow.graphql.benchmarks.types import (
    BenchmarkPeriod,
    LeagueTableType,
    MetricType,
    PeerGroup,
    ProfileLineType,
    TrendPointType,
)
from onewindow.graphql.core.context import api_context
from onewindow.graphql.core.permissions import require
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.benchmarks.models import Metric
from onewindow.platform.benchmarks.selectors import (
    LeagueTable,
    ProfileLine,
    TrendPoint,
    county_profile,
    league_table,
    league_table_for_county,
    trend,
)
from onewindow.platform.core import clock
from onewindow.platform.core.errors import NotFound
from onewindow.platform.core.tenancy import in_public
from onewindow.platform.counties.models import County


def _value(enum_value: Any) -> str:
    return str(getattr(enum_value, "value", enum_value))


def _day(day: dt.date | None) -> dt.date:
    return day or clock.today()


def _county(code: str) -> County:
    county = County.objects.counties().filter(code=code).first()
    if county is None:
        raise NotFound(f"县 {code}", field="code")
    return county


_ARGS = {
    "period": BenchmarkPeriod(required=True),
    "day": graphene.Date(description="期间内的任一天；默认今天"),
}


class PlatformBenchmarkQueries(graphene.ObjectType):
    benchmark_metrics = graphene.List(graphene.NonNull(MetricType), required=True, description="对标指标目录")
    benchmark_provinces = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="有县的省份"
    )
    league_table = graphene.Field(
        LeagueTableType,
        required=True,
        metric=graphene.String(required=True),
        province=graphene.String(description="只看此省；默认全部"),
        peer_group=PeerGroup(default_value="province", description="对比范围（city、size 需给出 around）"),
        around=graphene.String(description="以此县为中心的对比范围（行政区划代码）"),
        description="一项指标、一个期间的排名表",
        **_ARGS,
    )
    county_profile = graphene.Field(
        graphene.List(graphene.NonNull(ProfileLineType)),
        required=True,
        code=graphene.String(required=True),
        description="一个县在全部指标上与本省中位数、四分位数的对比",
        **_ARGS,
    )
    metric_trend = graphene.Field(
        graphene.List(graphene.NonNull(TrendPointType)),
        required=True,
        metric=graphene.String(required=True),
        code=graphene.String(required=True),
        count=graphene.Int(default_value=12, description="期数（1–60）"),
        description="一个县在一项指标上最近若干期的值，与本省中位数",
        **_ARGS,
    )

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_benchmark_metrics(root: Any, info: Any) -> list[Metric]:
        return list(Metric.objects.all())

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_benchmark_provinces(root: Any, info: Any) -> list[str]:
        found = County.objects.counties().exclude(province="").values_list("province", flat=True)
        return sorted(set(found))

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_league_table(
        root: Any,
        info: Any,
        metric: str,
        period: Any,
        day: dt.date | None = None,
        province: str | None = None,
        peer_group: Any = "province",
        around: str | None = None,
    ) -> LeagueTable:
        focus = _county(around) if around else None
        return league_table(
            metric, _value(period), _day(day), province=province, peer_group=_value(peer_group), around=focus
        )

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_county_profile(
        root: Any, info: Any, code: str, period: Any, day: dt.date | None = None
    ) -> list[ProfileLine]:
        return county_profile(_county(code), _value(period), _day(day))

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_metric_trend(
        root: Any, info: Any, metric: str, code: str, period: Any, day: dt.date | None = None, count: int = 12
    ) -> list[TrendPoint]:
        return trend(metric, _county(code), _value(period), _day(day), count)


class CountyBenchmarkQueries(graphene.ObjectType):
    my_benchmark = graphene.Field(
        LeagueTableType,
        required=True,
        metric=graphene.String(required=True),
        peer_group=PeerGroup(default_value="province"),
        description="本县在一项指标上与同省（或同市、同规模）各县的对比；未公布时其他县只显示名次",
        **_ARGS,
    )
    my_benchmark_profile = graphene.Field(
        graphene.List(graphene.NonNull(ProfileLineType)),
        required=True,
        description="本县在全部指标上与本省中位数、四分位数的对比",
        **_ARGS,
    )
    benchmark_metrics = graphene.List(graphene.NonNull(MetricType), required=True, description="对标指标目录")

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_benchmark_metrics(root: Any, info: Any) -> list[Metric]:
        return list(Metric.objects.all())

    @staticmethod
    @require(Perm.DASHBOARD_VIEW)
    def resolve_my_benchmark(
        root: Any,
        info: Any,
        metric: str,
        period: Any,
        day: dt.date | None = None,
        peer_group: Any = "province",
    ) -> LeagueTable:
        me = cast(County, api_context(info).county)
        with in_public():
            return league_table_for_county(
                metric, _value(period), _day(day), me, peer_group=_value(peer_group)
            )

    @staticmethod
    @require(Perm.DASHBOARD_VIEW)
    def resolve_my_benchmark_profile(
        root: Any, info: Any, period: Any, day: dt.date | None = None
    ) -> list[ProfileLine]:
        me = cast(County, api_context(info).county)
        with in_public():
            return county_profile(me, _value(period), _day(day), as_county=True)
