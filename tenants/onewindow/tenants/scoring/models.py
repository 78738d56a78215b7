"""Rule sets (county configuration, versioned), incidents (考核记录), periods and their results."""

from __future__ import annotations

from django.db import models

from onewindow.tenants.hall.models import ConfigEntity


class SubjectKind(models.TextChoices):
    DEPARTMENT = "department", "进驻部门"
    WINDOW = "window", "窗口单位"
    STAFF = "staff", "工作人员"


class PeriodKind(models.TextChoices):
    WEEK = "week", "周"
    MONTH = "month", "月"
    QUARTER = "quarter", "季度"
    YEAR = "year", "年"


class RuleSet(ConfigEntity):
    """考核细则 (policy pack ``rule_sets``)."""

    name = models.CharField(max_length=100)
    subject = models.CharField(max_length=16, choices=SubjectKind.choices)
    period = models.CharField(max_length=16, choices=PeriodKind.choices)

    class Meta(ConfigEntity.Meta):
        verbose_name = "考核细则"


class RuleSetVersion(models.Model):
    """The whole definition as applied. Never edited; a period is scored with the version in
    force when it opened."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    definition = models.JSONField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["rule_set", "-number"]
        constraints = [models.UniqueConstraint(fields=["rule_set", "number"], name="rule_set_version_number")]

    def __str__(self) -> str:
        return f"{self.rule_set.code} v{self.number}"


class Incident(models.Model):
    """考核记录: one occurrence (or a measurement) against a rule for a subject."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="incidents")
    rule = models.CharField(max_length=64)
    subject = models.CharField(max_length=64)  # a department, window or staff code
    occurred_on = models.DateField()
    count = models.DecimalField(max_digits=12, decimal_places=2, default=1)  # occurrences or a measured value
    base = models.DecimalField(max_digits=12, decimal_places=2, default=0)  # a ratio's denominator
    note = models.TextField(blank=True)
    evidence = models.JSONField(default=list, blank=True)
    recorder = models.CharField(max_length=150)
    cause = models.CharField(max_length=120, null=True, blank=True, unique=True)  # automatic: once per cause
    created_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["rule_set", "occurred_on"])]
        verbose_name = "考核记录"

    def __str__(self) -> str:
        return f"{self.subject} {self.rule} {self.occurred_on}"


class PeriodStatus(models.TextChoices):
    OPEN = "open", "考核中"
    POSTED = "posted", "公示中"
    FINAL = "final", "已定稿"


class Period(models.Model):
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="periods")
    version = models.ForeignKey(RuleSetVersion, on_delete=models.PROTECT, related_name="periods")
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=16, choices=PeriodStatus.choices, default=PeriodStatus.OPEN)
    posted_until = models.DateField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    finalized_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["rule_set", "-starts_on"]
        constraints = [models.UniqueConstraint(fields=["rule_set", "starts_on"], name="one_period_per_start")]

    def __str__(self) -> str:
        return f"{self.rule_set.code} {self.starts_on}–{self.ends_on}"


class Result(models.Model):
    """A subject's score in a closed period: category scores, total, rank (ties share a rank).

    ``missing``: derived categories with no input recorded (the staff assessment …); such a
    subject is unranked (``rank`` None) — closed so only where the rule set allows it."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="results")
    subject = models.CharField(max_length=64)
    categories = models.JSONField()  # {category code: points}
    bonus = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    total = models.DecimalField(max_digits=8, decimal_places=2)
    rank = models.PositiveIntegerField(null=True, blank=True)
    vetoed = models.BooleanField(default=False)
    missing = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["period", models.F("rank").asc(nulls_last=True), "subject"]
        constraints = [models.UniqueConstraint(fields=["period", "subject"], name="one_result_per_subject")]

    def __str__(self) -> str:
        return f"{self.subject} {self.total}"


class Objection(models.Model):
    """异议 filed while the ranking is posted; reviewed, it may withdraw or add incidents."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="objections")
    subject = models.CharField(max_length=64)
    text = models.TextField()
    filed_at = models.DateTimeField()
    decision = models.TextField(blank=True)
    upheld = models.BooleanField(null=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.subject}: {self.text[:20]}"
