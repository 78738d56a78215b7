"""事项目录调整: what a department reported, by when it had to, and by when the centre applies it."""

from __future__ import annotations

from django.db import models

from onewindow.tenants.catalog.models import ServiceItem
from onewindow.tenants.hall.models import Department


class CatalogChangeRequest(models.Model):
    """事项目录调整 (004 第十二条): reported within N working days of the rule's publication,
    applied within M working days of the report (the county's pack: ``catalog_changes``)."""

    item = models.ForeignKey(ServiceItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField()
    rule_published_on = models.DateField("依据公布日")
    reported_on = models.DateField("部门告知日")
    report_due = models.DateField()
    apply_due = models.DateField()
    applied_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "catalog_catalogchangerequest"  # kept from the catalog app it left
        ordering = ["-reported_on", "id"]
        verbose_name = "事项目录调整"

    def __str__(self) -> str:
        return self.summary[:40]


class CatalogChangeSettings(models.Model):
    """The county's limits (one row; absent: 004 第十二条's 3 and 7 working days)."""

    report_within_days = models.PositiveSmallIntegerField(default=3)
    apply_within_days = models.PositiveSmallIntegerField(default=7)

    def __str__(self) -> str:
        return f"告知 {self.report_within_days} 日 / 调整 {self.apply_within_days} 日"
