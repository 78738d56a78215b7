"""好差评 (GB/T 39734): case reviews, visit reviews and the county's review settings.

The tables keep the names they had when reviews lived in ``cases`` (``db_table``), so the move
to this app changed Django's state only, never a row.
"""

from __future__ import annotations

from django.db import models

from onewindow.tenants.cases.models import Case
from onewindow.tenants.hall.models import Window


class ReviewChannel(models.TextChoices):
    DEVICE = "device", "评价器"
    QR = "qr", "二维码"
    SMS = "sms", "短信"
    WEB = "web", "网站"
    APP = "app", "移动端"
    KIOSK = "kiosk", "自助终端"
    HOTLINE = "hotline", "12345"
    PAPER = "paper", "纸质评价表"


class Review(models.Model):
    """好差评: 5 非常满意 … 1 非常不满意; 1–2 is 差评. One per case (一事一评), or one per
    walk-in visit with no case (``visit_ref``, 一次一评)."""

    case = models.OneToOneField(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="review")
    visit_ref = models.CharField(max_length=64, unique=True, null=True, blank=True)
    window = models.ForeignKey(
        Window, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    level = models.PositiveSmallIntegerField()
    channel = models.CharField(max_length=16, choices=ReviewChannel.choices)
    tags = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "cases_review"
        indexes = [
            models.Index(fields=["created_at"], name="review_created_at")
        ]  # 领导驾驶舱's 好评率 by week
        constraints = [
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=5), name="review_level_1_5"),
            models.CheckConstraint(
                condition=models.Q(case__isnull=False) | models.Q(visit_ref__isnull=False),
                name="review_has_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} ({self.channel})"

    @property
    def is_bad(self) -> bool:
        return self.level <= 2


class ReviewSettings(models.Model):
    """好差评 settings of the county (policy pack ``reviews``). A default rating after N working
    days is off unless the county turns it on (some provinces: 满意 after 5 working days)."""

    default_rating_after_days = models.PositiveSmallIntegerField(null=True, blank=True)
    default_level = models.PositiveSmallIntegerField(default=4)
    # 差评 work orders (national rules; Zhejiang calls back within 1 working day)
    callback_days = models.PositiveSmallIntegerField(default=1)
    rectification_days = models.PositiveSmallIntegerField(default=15)

    class Meta:
        db_table = "cases_reviewsettings"

    def __str__(self) -> str:
        return f"默认好评: {self.default_rating_after_days or '关闭'}"
