"""跨县对标 — the metric catalog and the county aggregates the province compares.

Only aggregates live here: counts and sums per county, day, fact and breakdown, written by each
county's own rollup (``tenants/metrics``). No row-level record and no personal data ever
reaches these tables, and the province's comparison reads nothing else.
"""

from __future__ import annotations

from django.db import models


class Direction(models.TextChoices):
    HIGHER = "higher", "越高越好"
    LOWER = "lower", "越低越好"


class MetricKind(models.TextChoices):
    RATE = "rate", "比率"  # numerator ⊆ denominator: ranked by the Wilson bound
    MEAN = "mean", "平均值"  # a sum over a count (average working days)
    PER_100 = "per_100", "每百件"  # events per 100 of the denominator


class Aggregation(models.TextChoices):
    SUM = "sum", "期间合计"  # flows: cases received, reviews …
    LAST = "last", "期末值"  # stocks: the catalog's items, the centre's windows (daily snapshots)


class Metric(models.Model):
    """一项对标指标 (its definition in force; earlier ones in ``versions``)."""

    code = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=100)
    definition = models.TextField("口径")
    numerator = models.CharField(max_length=64)
    denominator = models.CharField(max_length=64)
    kind = models.CharField(max_length=16, choices=MetricKind.choices)
    aggregation = models.CharField(max_length=8, choices=Aggregation.choices, default=Aggregation.SUM)
    unit = models.CharField(max_length=16)
    direction = models.CharField(max_length=8, choices=Direction.choices)
    min_sample = models.PositiveIntegerField("参与排名的最小样本")
    source = models.CharField("依据", max_length=200)
    breakdown = models.BooleanField("有部门细分", default=False)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = "对标指标"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class MetricVersion(models.Model):
    metric = models.ForeignKey(Metric, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    definition = models.JSONField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["metric", "-number"]
        constraints = [models.UniqueConstraint(fields=["metric", "number"], name="metric_version_number")]

    def __str__(self) -> str:
        return f"v{self.number}"


class DailyFact(models.Model):
    """One county's count or sum of one fact on one day (``key``: a breakdown, e.g.
    ``dept:scjg``; blank for the county as a whole)."""

    county = models.ForeignKey("counties.County", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    fact = models.CharField(max_length=64)
    key = models.CharField(max_length=80, blank=True, default="")
    value = models.DecimalField(max_digits=16, decimal_places=2)

    class Meta:
        verbose_name = "县级日汇总"
        constraints = [
            models.UniqueConstraint(fields=["county", "day", "fact", "key"], name="daily_fact_unique")
        ]
        # The league table sums one fact over a span for every county.
        indexes = [models.Index(fields=["fact", "key", "day"], name="daily_fact_by_fact_day")]

    def __str__(self) -> str:
        return f"{self.county_id} {self.day} {self.fact}{'/' + self.key if self.key else ''} = {self.value}"


class MonthlyFact(models.Model):
    """The month's sum of a flow fact (``DailyFact`` added up), kept by the rollup with the days:
    a quarter or a year of 500 counties is then 3 or 12 rows a county, not 90 or 365."""

    county = models.ForeignKey("counties.County", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first of the month
    fact = models.CharField(max_length=64)
    key = models.CharField(max_length=80, blank=True, default="")
    value = models.DecimalField(max_digits=18, decimal_places=2)

    class Meta:
        verbose_name = "县级月汇总"
        constraints = [
            models.UniqueConstraint(fields=["county", "month", "fact", "key"], name="monthly_fact_unique")
        ]
        indexes = [models.Index(fields=["fact", "key", "month"], name="monthly_fact_by_fact_month")]

    def __str__(self) -> str:
        return f"{self.county_id} {self.month:%Y-%m} {self.fact} = {self.value}"


class RollupState(models.Model):
    """Where a county's rollup got to: the next incremental run reads what happened since."""

    county = models.OneToOneField("counties.County", on_delete=models.CASCADE, related_name="+")
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_full_at = models.DateTimeField(null=True, blank=True)
    last_days = models.PositiveIntegerField(default=0)  # days recomputed by the last run
    last_seconds = models.FloatField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.county_id} {self.last_finished_at}"


class PeriodKind(models.TextChoices):
    WEEK = "week", "周"
    MONTH = "month", "月"
    QUARTER = "quarter", "季度"
    YEAR = "year", "年"


class Publication(models.Model):
    """The province publishes counties' names for a period; until then a county sees its own
    row and its peers anonymised (第3名/共12个)."""

    period = models.CharField(max_length=8, choices=PeriodKind.choices)
    starts_on = models.DateField()
    published_at = models.DateTimeField()
    published_by = models.CharField(max_length=150)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["period", "starts_on"], name="publication_period")]

    def __str__(self) -> str:
        return f"{self.period} {self.starts_on}"


class CountyTarget(models.Model):
    """A county's own target for a metric (its policy pack's ``metric_targets``), copied here by
    its rollup so the province reads targets without entering the county's schema."""

    county = models.ForeignKey("counties.County", on_delete=models.CASCADE, related_name="+")
    metric = models.CharField(max_length=64)
    value = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["county", "metric"], name="county_target_unique")]

    def __str__(self) -> str:
        return f"{self.county_id} {self.metric} {self.value}"
