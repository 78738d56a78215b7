from __future__ import annotations

from django.db import models

from onewindow.tenants.hall.models import Department
from onewindow.tenants.reviews.models import Review


class OrderStatus(models.TextChoices):
    OPEN = "open", "待回访核实"
    CALLED_BACK = "called_back", "已回访，待分类"
    RECTIFYING = "rectifying", "整改中"
    RECTIFIED = "rectified", "已整改，待追评"
    APPEALED = "appealed", "申诉中（误评/恶意差评）"
    ARCHIVED = "archived", "已归档"


class Classification(models.TextChoices):
    FIX_NOW = "fix_now", "立即整改"
    EXPLAIN = "explain", "限期整改并解释说明"
    NO_LEGAL_BASIS = "no_legal_basis", "无法律依据，解释说明"
    MISTAKEN = "mistaken", "误评或恶意差评，申诉"


class WorkOrder(models.Model):
    """差评整改工单, one per 差评, handed to the responsible unit."""

    number = models.CharField(max_length=40, unique=True)
    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="work_order")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=16, choices=OrderStatus.choices, default=OrderStatus.OPEN)
    version = models.PositiveIntegerField(default=1)
    opened_on = models.DateField()
    callback_due_on = models.DateField()
    called_back_at = models.DateTimeField(null=True, blank=True)
    callback_note = models.TextField(blank=True)
    verified = models.BooleanField(null=True)
    classification = models.CharField(max_length=16, choices=Classification.choices, blank=True)
    explanation = models.TextField(blank=True)
    rectification_due_on = models.DateField(null=True, blank=True)
    rectified_at = models.DateTimeField(null=True, blank=True)
    rectification_report = models.TextField(blank=True)
    follow_up_level = models.PositiveSmallIntegerField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = "差评整改工单"

    def __str__(self) -> str:
        return self.number
