"""The province's comparison, read from the public aggregates only (``DailyFact``,
``CountyTarget``): no county schema is ever touched here, whatever the number of counties —
a test runs these with every county schema's usage revoked.

A league table is three statements: the metric's facts for the period and the one before
(one GROUP BY), the counties' targets, and the counties themselves.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum

from onewindow.platform.benchmarks import periods
from onewindow.platform.benchmarks.models import CountyTarget, DailyFact, Metric, Publication
from onewindow.platform.benchmarks.ranking import Scored, quartiles, ranks, score
from onewindow.platform.core.errors import BusinessError, NotFound
from onewindow.platform.counties.models import County

VOLUME = "received"  # the size bands are by cases received in the period
PEER_GROUPS = ("province", "city", "size")
SIZE_BANDS = ("小", "中", "大")


@dataclass
class Row:
    county: County
    numerator: float
    denominator: float
    scored: Scored
    previous: Scored | None
    target: float | None
    volume: float
    size_band: str = ""
    rank: int | None = None

    @property
    def change(self) -> float | None:
        if self.scored.value is None or self.previous is None or self.previous.value is None:
            return None
        return self.scored.value - self.previous.value

    @property
    def target_met(self) -> bool | None:
        if self.target is None or self.scored.value is None:
            return None
        value = self.scored.value * (100 if self.scored.low is not None else 1)  # rates: targets in %
        return value >= self.target if self.metric_direction == "higher" else value <= self.target

    metric_direction: str = "higher"


@dataclass
class LeagueTable:
    metric: Metric
    period: str
    starts_on: dt.date
    ends_on: dt.date
    peer_group: str
    peer_label: str
    rows: list[Row] = field(default_factory=list)
    published: bool = False

    @property
    def ranked(self) -> int:
        return sum(1 for r in self.rows if r.rank is not None)

    @property
    def spread(self) -> tuple[float, float, float] | None:
        return quartiles(
            [r.scored.value for r in self.rows if r.scored.value is not None and r.scored.eligible]
        )


def metric_named(code: str) -> Metric:
    metric = Metric.objects.filter(code=code).first()
    if metric is None:
        raise NotFound(f"指标 {code}", field="metric")
    return metric


def _sums(
    facts: Iterable[str], aggregation: str, spans: list[tuple[dt.date, dt.date]], county_ids: list[int] | None
) -> dict[tuple[int, int, str], float]:
    """(span index, county id, fact) → the fact's sum over the span (or its last daily value)."""
    found: dict[tuple[int, int, str], float] = {}
    base = DailyFact.objects.filter(fact__in=list(facts), key="")
    if county_ids is not None:
        base = base.filter(county_id__in=county_ids)
    if aggregation == "last":
        for i, (start, end) in enumerate(spans):
            rows = (
                base.filter(day__range=(start, end))
                .order_by("county_id", "fact", "-day")
                .distinct("county_id", "fact")
                .values_list("county_id", "fact", "value")
            )
            for county_id, fact, value in rows:
                found[(i, county_id, fact)] = float(value)
        return found
    span_filter = Q()
    for start, end in spans:
        span_filter |= Q(day__range=(start, end))
    totals: dict[tuple[int, int, str], Decimal] = defaultdict(Decimal)
    annotations = {
        f"s{i}": Sum("value", filter=Q(day__range=(start, end))) for i, (start, end) in enumerate(spans)
    }
    for row in base.filter(span_filter).values("county_id", "fact").annotate(**annotations):
        for i in range(len(spans)):
            if row[f"s{i}"] is not None:
                totals[(i, row["county_id"], row["fact"])] += row[f"s{i}"]
    found.update({k: float(v) for k, v in totals.items()})
    return found


def _check_period(period: str) -> None:
    if period not in ("week", "month", "quarter", "year"):
        raise BusinessError("INVALID_VALUE", "期间须为 week、month、quarter 或 year", field="period")


def league_table(
    code: str,
    period: str,
    day: dt.date,
    *,
    province: str | None = None,
    peer_group: str = "province",
    around: County | None = None,
) -> LeagueTable:
    """Every county of ``province`` (or of ``around``'s peer group) on one metric for the period
    that contains ``day``: value, interval, rank (fair, see ``ranking``), target attainment and
    the change since the period before."""
    _check_period(period)
    if peer_group not in PEER_GROUPS:
        raise BusinessError("INVALID_VALUE", "对比范围须为 province、city 或 size", field="peerGroup")
    metric = metric_named(code)
    start, end = periods.bounds(period, day)
    before = periods.previous(period, start)
    counties = County.objects.counties().exclude(status="provisioning")
    focus_province = around.province if around is not None else province
    if focus_province:
        counties = counties.filter(province=focus_province)
    if peer_group == "city" and around is not None and around.code:
        counties = counties.filter(code__startswith=around.code[:4])
    county_list = list(counties.order_by("code"))
    ids = [c.pk for c in county_list]
    facts = {metric.numerator, metric.denominator, VOLUME}
    sums = _sums(facts, metric.aggregation, [(start, end), before], ids)
    # the volume is always a flow, whatever the metric's aggregation
    volumes = sums if metric.aggregation == "sum" else _sums({VOLUME}, "sum", [(start, end)], ids)
    targets = dict(
        CountyTarget.objects.filter(metric=metric.code, county_id__in=ids).values_list("county_id", "value")
    )
    rows = []
    for county in county_list:
        num, den = (
            sums.get((0, county.pk, metric.numerator), 0.0),
            sums.get((0, county.pk, metric.denominator), 0.0),
        )
        prev_num = sums.get((1, county.pk, metric.numerator), 0.0)
        prev_den = sums.get((1, county.pk, metric.denominator), 0.0)
        rows.append(
            Row(
                county=county,
                numerator=num,
                denominator=den,
                scored=score(metric.kind, metric.direction, num, den, metric.min_sample),
                previous=score(metric.kind, metric.direction, prev_num, prev_den, metric.min_sample)
                if prev_den
                else None,
                target=float(targets[county.pk]) if county.pk in targets else None,
                volume=volumes.get((0, county.pk, VOLUME), 0.0),
                metric_direction=metric.direction,
            )
        )
    _size_bands(rows)
    peer_label = focus_province or "全部"
    if peer_group == "city" and around is not None:
        peer_label = f"同一地级市（{around.code[:4] if around.code else ''}）"
    if peer_group == "size" and around is not None:
        band = next((r.size_band for r in rows if r.county.pk == around.pk), "")
        rows = [r for r in rows if r.size_band == band]
        peer_label = f"{focus_province or ''}办件量{band}的县"
    for index, rank in ranks(rows, lambda r: r.scored.score).items():
        rows[index].rank = rank
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.county.code or ""))
    published = Publication.objects.filter(period=period, starts_on=start).exists()
    return LeagueTable(metric, period, start, end, peer_group, peer_label, rows, published)


def _size_bands(rows: list[Row]) -> None:
    """小 / 中 / 大 by terciles of the period's cases received (ties stay together)."""
    ordered = sorted(rows, key=lambda r: r.volume)
    for i, row in enumerate(ordered):
        row.size_band = SIZE_BANDS[min(2, i * 3 // max(1, len(ordered)))]


@dataclass
class ProfileLine:
    metric: Metric
    row: Row | None
    spread: tuple[float, float, float] | None
    ranked: int


def county_profile(county: County, period: str, day: dt.date) -> list[ProfileLine]:
    """One county against its province on every metric: value, rank, Q1 / median / Q3."""
    _check_period(period)
    lines = []
    for metric in Metric.objects.all():
        table = league_table(metric.code, period, day, around=county)
        row = next((r for r in table.rows if r.county.pk == county.pk), None)
        lines.append(ProfileLine(metric, row, table.spread, table.ranked))
    return lines


@dataclass
class TrendPoint:
    starts_on: dt.date
    label: str
    value: float | None
    median: float | None


def trend(code: str, county: County, period: str, day: dt.date, count: int = 12) -> list[TrendPoint]:
    """The county's value and its province's median over the last ``count`` periods."""
    _check_period(period)
    if not 1 <= count <= 60:
        raise BusinessError("INVALID_VALUE", "期数须在 1 到 60 之间", field="count")
    metric = metric_named(code)
    spans = []
    start, end = periods.bounds(period, day)
    for _ in range(count):
        spans.append((start, end))
        start, end = periods.previous(period, start)
    spans.reverse()
    ids = list(County.objects.counties().filter(province=county.province).values_list("pk", flat=True))
    sums = _sums({metric.numerator, metric.denominator}, metric.aggregation, spans, ids)
    points = []
    for i, (s, _e) in enumerate(spans):
        values = {}
        for county_id in ids:
            den = sums.get((i, county_id, metric.denominator), 0.0)
            if den >= metric.min_sample:
                values[county_id] = score(
                    metric.kind, metric.direction, sums.get((i, county_id, metric.numerator), 0.0), den, 0
                ).value
        spread = quartiles([v for v in values.values() if v is not None])
        points.append(
            TrendPoint(s, periods.label(period, s), values.get(county.pk), spread[1] if spread else None)
        )
    return points
