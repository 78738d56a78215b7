from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models

from onewindow.platform.catalog.models import ItemType
from onewindow.tenants.hall.models import ConfigEntity, Department


class ItemKind(models.TextChoices):
    IMMEDIATE = "immediate", "即办件"
    PROMISED = "promised", "承诺件"


class ServiceItem(ConfigEntity):
    """政务服务事项 as this county runs it: claimed from the provincial catalog
    (``provincial_code``) or local. Carries the 办事指南 fields of 004 第十条."""

    provincial_code = models.CharField(max_length=64, blank=True)
    # the six unified elements (code is ``code``)
    name = models.CharField(max_length=200)
    item_type = models.CharField(max_length=16, choices=ItemType.choices)
    competent_department = models.CharField(max_length=100, blank=True)
    implementing_body = models.CharField(max_length=100, blank=True)
    legal_basis = models.TextField(blank=True)
    # how the county runs it
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="items")
    kind = models.CharField(max_length=16, choices=ItemKind.choices)
    statutory_limit_days = models.PositiveSmallIntegerField("法定时限（工作日）", null=True, blank=True)
    promised_limit_days = models.PositiveSmallIntegerField("承诺时限（工作日）", null=True, blank=True)
    online_depth = models.PositiveSmallIntegerField("网办深度 Ⅰ–Ⅳ", default=1)
    visits_required = models.PositiveSmallIntegerField("到现场次数", default=1)
    assistance_eligible = models.BooleanField("可帮办代办", default=True)
    self_service = models.BooleanField("可自助办理", default=False)
    guide = models.JSONField("办事指南", default=dict, blank=True)
    review_points = ArrayField(models.TextField(), default=list, blank=True)
    faq = models.JSONField("答疑手册", default=list, blank=True)

    class Meta(ConfigEntity.Meta):
        verbose_name = "政务服务事项"


class MaterialFormat(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"
    EITHER = "either", "纸质或电子"


class MaterialSource(models.TextChoices):
    APPLICANT = "applicant", "申请人自备"
    GOVERNMENT = "government", "政府部门核发"
    THIRD_PARTY = "third_party", "第三方出具"


class ExemptReason(models.TextChoices):
    """两个免于提交: government-issued, or available as an e-licence."""

    GOVERNMENT_ISSUED = "government_issued", "政府部门核发"
    E_LICENCE = "e_licence", "可调用电子证照"


class ItemMaterial(models.Model):
    item = models.ForeignKey(ServiceItem, on_delete=models.CASCADE, related_name="materials")
    position = models.PositiveIntegerField(default=0)
    code = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    format = models.CharField(max_length=16, choices=MaterialFormat.choices, default=MaterialFormat.EITHER)
    copies = models.PositiveSmallIntegerField(default=1)
    source = models.CharField(max_length=16, choices=MaterialSource.choices, default=MaterialSource.APPLICANT)
    tolerance_allowed = models.BooleanField("可容缺", default=False)
    exempt = models.CharField("免提交", max_length=24, choices=ExemptReason.choices, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["item", "code"], name="material_code_per_item")]
        verbose_name = "申请材料"

    def __str__(self) -> str:
        return self.name


class Bundle(ConfigEntity):
    """一件事一次办: one intake, parallel approval by several departments, one issuance."""

    name = models.CharField(max_length=100)
    national_code = models.CharField(max_length=32, blank=True)
    lead_department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="led_bundles")
    co_departments = models.ManyToManyField(Department, blank=True, related_name="co_bundles")
    items = models.ManyToManyField(ServiceItem, related_name="bundles")
    promised_limit_days = models.PositiveSmallIntegerField("联办承诺时限（工作日）")

    class Meta(ConfigEntity.Meta):
        verbose_name = "一件事"
