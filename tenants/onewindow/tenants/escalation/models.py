"""Chains (county configuration, versioned), the subjects they watch, and each firing.

Exactly once is the database's job: ``Firing`` has one row per (watch, level), inserted with
ON CONFLICT DO NOTHING in the transaction that performs the level's actions. The scan reads
only watches whose ``next_due_at`` has come (an index), so its cost follows what is due, not
how many subjects are open.
"""

from __future__ import annotations

from django.db import models

from onewindow.tenants.hall.models import ConfigEntity


class SubjectKind(models.TextChoices):
    CASE = "case", "办件时限"
    FALLBACK = "fallback", "办不成事"
    BAD_REVIEW = "bad_review", "差评整改"
    ASSISTANCE_COMPLAINT = "assistance_complaint", "帮办代办投诉"
    CATALOG_CHANGE = "catalog_change", "事项目录调整"
    ASSISTANCE_REQUEST = "assistance_request", "帮办代办委托"
    HOTLINE_ORDER = "hotline_order", "12345 工单"
    COMMITMENT = "commitment", "容缺与告知承诺"


class Chain(ConfigEntity):
    """督办链 of the county (policy pack ``chains``)."""

    name = models.CharField(max_length=100)
    subject = models.CharField(max_length=24, choices=SubjectKind.choices)

    class Meta(ConfigEntity.Meta):
        verbose_name = "督办链"


class ChainVersion(models.Model):
    """The levels of a chain as they were when applied. Never edited: a running subject keeps
    the version it started with; a changed chain gets a new version."""

    chain = models.ForeignKey(Chain, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    levels = models.JSONField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["chain", "-number"]
        constraints = [models.UniqueConstraint(fields=["chain", "number"], name="chain_version_number")]

    def __str__(self) -> str:
        return f"{self.chain.code} v{self.number}"


class Watch(models.Model):
    """One subject watched by one chain version."""

    version = models.ForeignKey(ChainVersion, on_delete=models.PROTECT, related_name="watches")
    subject_type = models.CharField(max_length=32)
    subject_id = models.CharField(max_length=64)
    subject_label = models.CharField(max_length=100)
    started_on = models.DateField()
    deadline_on = models.DateField(null=True, blank=True)
    next_level = models.PositiveSmallIntegerField(default=0)
    next_due_at = models.DateTimeField(null=True, blank=True)
    paused = models.BooleanField(default=False)
    flagged = models.BooleanField("挂牌警示", default=False)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # one running watch per subject and chain version (a subject moved to a new tier is
            # resolved first, then watched afresh)
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "version"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_watch_per_subject_chain",
            )
        ]
        indexes = [
            models.Index(
                fields=["next_due_at"],
                name="watch_due_idx",
                condition=models.Q(resolved_at__isnull=True, paused=False, next_due_at__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject_label} ← {self.version}"


class Firing(models.Model):
    """A level that fired (once)."""

    watch = models.ForeignKey(Watch, on_delete=models.CASCADE, related_name="firings")
    level = models.PositiveSmallIntegerField()
    due_at = models.DateTimeField()
    fired_at = models.DateTimeField()
    late = models.BooleanField(default=False)
    target = models.CharField(max_length=100)
    response_due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["watch", "level"]
        constraints = [models.UniqueConstraint(fields=["watch", "level"], name="fires_once")]

    def __str__(self) -> str:
        return f"{self.watch_id} L{self.level}"
