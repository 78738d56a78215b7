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
from onewindow.platform.benchmarks.models import CountyTarget, DailyFact, Metric, MonthlyFact, Publication
from onewindow.platform.benchmarks.ranking import Scored, percentile, quartiles, ranks, score
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
        """Since the period before — only when both periods have enough sample to mean anything."""
        if not self.scored.eligible or self.previous is None or not self.previous.eligible:
            return None
        assert self.scored.value is not None and self.previous.value is not None
        return self.scored.value - self.previous.value

    @property
    def target_met(self) -> bool | None:
        if self.target is None or self.scored.value is None:
            return None
        value = self.scored.value * (100 if self.scored.low is not None else 1)  # rates: targets in %
        return value >= self.target if self.metric_direction == "higher" else value <= self.target

    metric_direction: str = "higher"


@dataclass(frozen=True)
class ShownRow:
    """A league-table row as its reader may see it (see ``league_table_for_county``)."""

    code: str | None
    name: str
    is_self: bool
    rank: int | None
    eligible: bool
    value: float | None
    low: float | None
    high: float | None
    numerator: float | None
    denominator: float | None
    target: float | None
    target_met: bool | None
    change: float | None
    size_band: str | None


def named(row: Row, *, is_self: bool = False) -> ShownRow:
    s = row.scored
    return ShownRow(
        row.county.code,
        row.county.name,
        is_self,
        row.rank,
        s.eligible,
        s.value,
        s.low,
        s.high,
        row.numerator,
        row.denominator,
        row.target,
        row.target_met,
        row.change,
        row.size_band,
    )


def anonymised(row: Row) -> ShownRow:
    """A peer before publication: its rank and value, nothing that would tell who it is — not
    its case counts (a county's volume names it), its target, its change or its size band."""
    s = row.scored
    name = f"第{row.rank}名" if row.rank else "某县（样本不足）"
    return ShownRow(None, name, False, row.rank, s.eligible, s.value, s.low, s.high, *(None,) * 6)


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
    shown_rows: list[ShownRow] | None = None  # set for a county's view (anonymised peers)
    peers_hidden: bool = False  # too few peers to show them anonymously

    @property
    def ranked(self) -> int:
        return sum(1 for r in self.rows if r.rank is not None)

    @property
    def spread(self) -> tuple[float, float, float] | None:
        if self.peers_hidden:
            return None
        return quartiles(
            [r.scored.value for r in self.rows if r.scored.value is not None and r.scored.eligible]
        )

    def shown(self) -> list[ShownRow]:
        return self.shown_rows if self.shown_rows is not None else [named(r) for r in self.rows]


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
    # whole months (a month, a quarter, a year) are read from the monthly sums: 3 or 12 rows a
    # county instead of 90 or 365
    monthly = all(start.day == 1 and (end + dt.timedelta(days=1)).day == 1 for start, end in spans)
    model, column = (MonthlyFact, "month") if monthly else (DailyFact, "day")
    flows = model.objects.filter(fact__in=list(facts), key="")
    if county_ids is not None:
        flows = flows.filter(county_id__in=county_ids)
    span_filter = Q()
    for start, end in spans:
        span_filter |= Q(**{f"{column}__range": (start, end)})
    totals: dict[tuple[int, int, str], Decimal] = defaultdict(Decimal)
    annotations = {
        f"s{i}": Sum("value", filter=Q(**{f"{column}__range": span})) for i, span in enumerate(spans)
    }
    for row in flows.filter(span_filter).values("county_id", "fact").annotate(**annotations):
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
    if peer_group != "province" and around is None:
        raise BusinessError("INVALID_VALUE", "按同市或同规模对比须给出中心县", field="around")
    if around is not None and not around.province:
        raise BusinessError("INVALID_VALUE", f"{around.name} 没有登记省份，无法确定对比范围", field="around")
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


MIN_PEERS = 5  # below this, anonymous peers are no longer anonymous: none are shown


def league_table_for_county(
    code: str, period: str, day: dt.date, county: County, *, peer_group: str = "province"
) -> LeagueTable:
    """What a county sees of a league table: its own row by name; until the province publishes
    the period, its peers by rank only (``anonymised``), ordered by rank and then by value —
    and with fewer than ``MIN_PEERS`` counties in the group, no peer and no quartiles at all."""
    table = league_table(code, period, day, peer_group=peer_group, around=county)
    if table.published:
        table.shown_rows = [named(r, is_self=r.county.pk == county.pk) for r in table.rows]
        return table
    table.peers_hidden = len(table.rows) < MIN_PEERS
    ordered = sorted(
        table.rows, key=lambda r: (r.rank is None, r.rank or 0, -(r.scored.value or 0), r.county.pk)
    )
    table.shown_rows = [
        named(r, is_self=True) if r.county.pk == county.pk else anonymised(r)
        for r in ordered
        if r.county.pk == county.pk or not table.peers_hidden
    ]
    return table


def _size_bands(rows: list[Row]) -> None:
    """小 / 中 / 大 by the terciles of the period's cases received: counties with the same volume
    share a band; with fewer than three counties there are no bands (—)."""
    if len(rows) < 3:
        for row in rows:
            row.size_band = "—"
        return
    volumes = [r.volume for r in rows]
    low, high = percentile(volumes, 1 / 3), percentile(volumes, 2 / 3)
    for row in rows:
        band = 0 if row.volume <= low else 1 if row.volume <= high else 2
        row.size_band = SIZE_BANDS[band]


@dataclass
class ProfileLine:
    metric: Metric
    row: ShownRow | None
    spread: tuple[float, float, float] | None
    ranked: int


def county_profile(
    county: County, period: str, day: dt.date, *, as_county: bool = False
) -> list[ProfileLine]:
    """One county against its province on every metric: value, rank, Q1 / median / Q3.
    ``as_county``: what the county itself may see (no quartiles among too few peers)."""
    _check_period(period)
    lines = []
    for metric in Metric.objects.all():
        if as_county:
            table = league_table_for_county(metric.code, period, day, county)
        else:
            table = league_table(metric.code, period, day, around=county)
        row = next((r for r in table.rows if r.county.pk == county.pk), None)
        shown = named(row, is_self=as_county) if row is not None else None
        lines.append(ProfileLine(metric, shown, table.spread, table.ranked))
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
        values: dict[int, float | None] = {}
        for county_id in ids:
            den = sums.get((i, county_id, metric.denominator), 0.0)
            values[county_id] = score(
                metric.kind, metric.direction, sums.get((i, county_id, metric.numerator), 0.0), den, 0
            ).value
        # the median among the counties with enough sample; the county's own value always
        enough = [
            v
            for county_id, v in values.items()
            if v is not None and sums.get((i, county_id, metric.denominator), 0.0) >= metric.min_sample
        ]
        spread = quartiles(enough)
        points.append(
            TrendPoint(s, periods.label(period, s), values.get(county.pk), spread[1] if spread else None)
        )
    return points
