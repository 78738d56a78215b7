from __future__ import annotations

from django.db import models


class NationalCalendarYear(models.Model):
    """一年的国务院放假安排, loaded as data; for that year it wins over the bundled package.

    The packages lag the State Council's notice (published each autumn for the next year), and
    cases accepted in December already fall due in January.
    """

    year = models.PositiveSmallIntegerField(unique=True)
    source = models.CharField("依据", max_length=200, blank=True)
    loaded_at = models.DateTimeField()
    loaded_by = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name = "年度放假安排"
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日/休息日"
    WORKDAY = "workday", "调休上班日"


class NationalCalendarDay(models.Model):
    """A day that differs from the plain week: a holiday on a weekday, or a make-up workday."""

    year = models.ForeignKey(NationalCalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(unique=True)
    kind = models.CharField(max_length=16, choices=DayKind.choices)
    name = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name = "放假/调休日"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"
