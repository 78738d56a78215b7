from __future__ import annotations

from django.db import models

from onewindow.tenants.hall.models import Department, Window
from onewindow.tenants.hotline.models import HotlineOrder


class FallbackChannel(models.TextChoices):
    FALLBACK_WINDOW = "fallback_window", "办不成事反映窗口"
    ANY_WINDOW = "any_window", "其他窗口"
    HOTLINE = "hotline", "12345 热线"


class Tier(models.TextChoices):
    """002 四(二): general → the centre on the spot; hard → the reform office's coordination
    meeting; very hard → the county government's monthly meeting."""

    GENERAL = "general", "一般问题"
    HARD = "hard", "疑难复杂问题"
    VERY_HARD = "very_hard", "特别疑难复杂问题"


TIER_ORDER: list[str] = [Tier.GENERAL, Tier.HARD, Tier.VERY_HARD]


class FallbackStatus(models.TextChoices):
    REGISTERED = "registered", "已登记"
    IN_HAND = "in_hand", "办理中"
    RESOLVED = "resolved", "已办理，待申请人确认"
    CLOSED = "closed", "已销号"


class FallbackCase(models.Model):
    """办不成事记录 (附件1: 序号, 时间, 涉及部门, 基本情况, 受理过程, 处理结果)."""

    number = models.CharField("序号", max_length=32, unique=True)
    registered_at = models.DateTimeField("时间")
    channel = models.CharField(max_length=16, choices=FallbackChannel.choices)
    window = models.ForeignKey(Window, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    hotline_ref = models.CharField("12345 工单号", max_length=50, blank=True)
    # the 12345 order it started from, when that came in through the inbound API
    hotline_order = models.ForeignKey(
        HotlineOrder, null=True, blank=True, on_delete=models.PROTECT, related_name="fallback_cases"
    )
    departments = models.ManyToManyField(Department, blank=True, related_name="+")
    summary = models.TextField("基本情况")
    process = models.TextField("受理过程", blank=True)
    result = models.TextField("处理结果", blank=True)
    applicant_name = models.CharField(max_length=100)
    applicant_phone = models.CharField(max_length=20, blank=True)
    tier = models.CharField(max_length=16, choices=Tier.choices, blank=True)
    owner = models.CharField(max_length=100, blank=True)
    deadline_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=FallbackStatus.choices, default=FallbackStatus.REGISTERED
    )
    version = models.PositiveIntegerField(default=1)
    satisfied = models.BooleanField(null=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    library_title = models.CharField(max_length=200, blank=True)
    library_text = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-registered_at", "-id"]
        verbose_name = "办不成事"

    def __str__(self) -> str:
        return self.number


class Assignment(models.Model):
    """交办单 (附件2)."""

    case = models.ForeignKey(FallbackCase, on_delete=models.CASCADE, related_name="assignments")
    number = models.CharField("编号", max_length=40, unique=True)
    assigned_at = models.DateTimeField("交办时间")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name="承办部门"
    )
    due_on = models.DateField("完成时限")
    responsible = models.CharField("责任人", max_length=50)
    matter = models.TextField("交办事项")
    leader = models.CharField("主管领导", max_length=50)
    completion = models.TextField("完成情况", blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    applicant_feedback = models.TextField("申请人意见反馈", blank=True)

    class Meta:
        ordering = ["assigned_at", "id"]
        verbose_name = "交办单"

    def __str__(self) -> str:
        return self.number


class FallbackSettings(models.Model):
    """The county's tiers (policy pack ``fallback``)."""

    tiers = models.JSONField(default=list)  # [{tier, owner, days}]
    discipline_referral = models.BooleanField(default=False)

    def __str__(self) -> str:
        return "办不成事设置"
