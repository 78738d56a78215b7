from __future__ import annotations

from django.db import models


class PolicyVersion(models.Model):
    """One applied version of the county's pack: what it said, what changed, who applied it."""

    number = models.PositiveIntegerField(unique=True)
    applied_at = models.DateTimeField()
    author = models.CharField(max_length=150)
    source = models.CharField(max_length=100, blank=True)  # preset name, file, API …
    document = models.TextField()
    diff = models.JSONField(default=list)

    class Meta:
        ordering = ["-number"]
        verbose_name = "政策包版本"

    def __str__(self) -> str:
        return f"v{self.number}"
