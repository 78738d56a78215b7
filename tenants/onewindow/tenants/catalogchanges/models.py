"""事项目录调整: what a department reported, by when it had to, and by when the centre applies it."""

from __future__ import annotations

from django.db import models

from onewindow.tenants.catalog.models import ServiceItem
from onewindow.tenants.hall.models import Department


class CatalogChangeRequest(models.Model):
    """事项目录调整 (004 第十二条): reported within N working days of the rule's publication,
    applied within M working days of the report (the county's pack: ``catalog_changes``). A
    county whose pack sets no limit gets no due date (and no watch) for that step."""

    item = models.ForeignKey(ServiceItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField()
    rule_published_on = models.DateField("依据公布日")
    reported_on = models.DateField("部门告知日")
    report_due = models.DateField(null=True, blank=True)
    apply_due = models.DateField(null=True, blank=True)
    applied_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "catalog_catalogchangerequest"  # kept from the catalog app it left
        ordering = ["-reported_on", "id"]
        verbose_name = "事项目录调整"

    def __str__(self) -> str:
        return self.summary[:40]


class CatalogChangeSettings(models.Model):
    """The county's limits (one row; absent or empty: no clock — 004 第十二条's 3 and 7 working
    days are 通许's, carried by its pack)."""

    report_within_days = models.PositiveSmallIntegerField(null=True, blank=True, default=None)
    apply_within_days = models.PositiveSmallIntegerField(null=True, blank=True, default=None)

    def __str__(self) -> str:
        def days(n: int | None) -> str:
            return f"{n} 日" if n is not None else "未设时限"

        return f"告知 {days(self.report_within_days)} / 调整 {days(self.apply_within_days)}"
