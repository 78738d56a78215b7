"""12345 work orders as the county receives them (DOMAIN §8 "12345 work orders": 受理 → 派单 →
签收 or 退单 → 限时办理 → 督办 → 答复 → 回访, dissatisfied → 重办 → 办结), and the county's step
limits (policy pack ``hotline``)."""

from __future__ import annotations

from django.db import models

from onewindow.tenants.hall.models import Department


class OrderKind(models.TextChoices):
    CONSULTATION = "consultation", "咨询"
    HELP = "help", "求助"
    COMPLAINT = "complaint", "投诉举报"
    SUGGESTION = "suggestion", "意见建议"


class HotlineStatus(models.TextChoices):
    RECEIVED = "received", "待签收"
    RETURNED = "returned", "已退单，待改派"
    IN_HAND = "in_hand", "办理中"
    HANDLED = "handled", "已办理，待答复"
    REPLIED = "replied", "已答复，待回访"
    CLOSED = "closed", "已办结"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class Step(models.TextChoices):
    """The step an open order waits for; each has its limit in the pack."""

    SIGN = "sign", "签收"
    DISPATCH = "dispatch", "改派"
    HANDLE = "handle", "办理"
    REPLY = "reply", "答复"
    VISIT = "visit", "回访"


class HotlineOrder(models.Model):
    """12345 工单, received from the hotline platform through the inbound API."""

    number = models.CharField("工单编号", max_length=32, unique=True)
    hotline_number = models.CharField("12345 工单号", max_length=64, unique=True)
    idempotency_key = models.CharField(max_length=100, unique=True)
    request_hash = models.CharField(max_length=64)  # the body the key was first used with
    kind = models.CharField(max_length=16, choices=OrderKind.choices)
    title = models.CharField("标题", max_length=200)
    content = models.TextField("诉求内容")
    applicant_name = models.CharField(max_length=100, blank=True)
    applicant_phone = models.CharField(max_length=20, blank=True)
    dispatched_at = models.DateTimeField("派单时间")  # when the hotline sent it
    received_at = models.DateTimeField("接收时间")
    received_by = models.CharField(max_length=150)  # the account whose token delivered it
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="承办部门"
    )
    platform_due_on = models.DateField("热线办结时限", null=True, blank=True)
    status = models.CharField(max_length=16, choices=HotlineStatus.choices, default=HotlineStatus.RECEIVED)
    step = models.CharField(max_length=16, choices=Step.choices, blank=True)
    step_due_on = models.DateField("本环节期限", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.CharField(max_length=150, blank=True)
    return_reason = models.TextField("退单理由", blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handling = models.TextField("办理情况", blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    reply = models.TextField("答复内容", blank=True)
    reply_method = models.CharField("答复方式", max_length=20, blank=True)
    visited_at = models.DateTimeField(null=True, blank=True)
    satisfaction = models.CharField(max_length=16, choices=Satisfaction.choices, blank=True)
    visit_note = models.TextField("回访记录", blank=True)
    reopened = models.PositiveSmallIntegerField("重办次数", default=0)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["step_due_on", "id"]
        verbose_name = "12345 工单"
        indexes = [models.Index(fields=["status", "step_due_on"], name="hotline_status_due")]

    def __str__(self) -> str:
        return self.number


class HotlineSettings(models.Model):
    """The county's step limits in working days (policy pack ``hotline``)."""

    sign_within_days = models.PositiveSmallIntegerField(default=1)
    handle_within_days = models.PositiveSmallIntegerField(default=5)
    reply_within_days = models.PositiveSmallIntegerField(default=1)
    visit_within_days = models.PositiveSmallIntegerField(default=2)
    redo_within_days = models.PositiveSmallIntegerField(default=5)

    def __str__(self) -> str:
        return "12345 工单设置"
