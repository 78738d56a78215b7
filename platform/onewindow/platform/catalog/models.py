from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models


class ItemType(models.TextChoices):
    """通许 004 第二条: the eight kinds of 政务服务事项."""

    LICENSING = "licensing", "行政许可"
    CONFIRMATION = "confirmation", "行政确认"
    ADJUDICATION = "adjudication", "行政裁决"
    PAYMENT = "payment", "行政给付"
    REWARD = "reward", "行政奖励"
    FILING = "filing", "行政备案"
    OTHER_POWER = "other_power", "其他行政权力"
    PUBLIC_SERVICE = "public_service", "公共服务"


# The six elements unified province-wide (DOMAIN §8 "Item catalog").
UNIFIED_ELEMENTS = ("name", "item_type", "competent_department", "implementing_body", "legal_basis")


class ProvincialItem(models.Model):
    """省级标准事项: the six unified elements a county claims (认领) and may not change."""

    province = models.CharField(max_length=50)
    code = models.CharField("事项编码", max_length=64)
    name = models.CharField(max_length=200)
    item_type = models.CharField(max_length=16, choices=ItemType.choices)
    competent_department = models.CharField("主管部门", max_length=100)
    implementing_body = models.CharField("实施主体", max_length=100)
    legal_basis = models.TextField("设定依据")

    class Meta:
        verbose_name = "省级标准事项"
        ordering = ["province", "code"]
        constraints = [models.UniqueConstraint(fields=["province", "code"], name="provincial_item_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class NationalBundle(models.Model):
    """国家"高效办成一件事"重点事项清单 — the national list, as data."""

    code = models.CharField(max_length=32, unique=True)
    batch = models.CharField("批次", max_length=50)
    name = models.CharField(max_length=100)
    lead_department = models.CharField("牵头部门", max_length=100, blank=True)
    supporting_departments = ArrayField(models.CharField(max_length=100), default=list, blank=True)

    class Meta:
        verbose_name = "国家一件事清单"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name
