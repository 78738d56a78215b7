from __future__ import annotations

from django.db import models


class OverrideKind(models.TextChoices):
    CLOSED = "closed", "闭厅/停止办公"
    WORKING = "working", "加班办公日"


class CalendarOverride(models.Model):
    """县级日历调整: a day the county's centre closes, or works although the nation rests."""

    date = models.DateField(unique=True)
    kind = models.CharField(max_length=16, choices=OverrideKind.choices)
    reason = models.CharField(max_length=200)

    class Meta:
        verbose_name = "日历调整"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"
