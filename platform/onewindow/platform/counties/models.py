"""County tenants and their host names."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django_tenants.models import DomainMixin, TenantMixin

PUBLIC_SCHEMA = "public"

county_code_validator = RegexValidator(r"^\d{6}$", "行政区划代码必须是 6 位数字")


def schema_name_for(code: str) -> str:
    return f"county_{code}"


class CountyStatus(models.TextChoices):
    PROVISIONING = "provisioning", "创建中"
    ACTIVE = "active", "运行中"
    SUSPENDED = "suspended", "已暂停"


class CountyQuerySet(models.QuerySet["County"]):
    def counties(self) -> CountyQuerySet:
        """Real counties: everything but the platform's own (public) row."""
        return self.exclude(schema_name=PUBLIC_SCHEMA)

    def active(self) -> CountyQuerySet:
        return self.counties().filter(status=CountyStatus.ACTIVE)


class County(TenantMixin):
    """县级行政区 — one tenant, one PostgreSQL schema.

    ``code`` is the 6-digit 行政区划代码 (乌审旗 150626, 温岭市 331081, 通许县 410222). The
    platform's own row (schema ``public``) has no code.
    """

    code = models.CharField(
        max_length=6, unique=True, null=True, blank=True, validators=[county_code_validator]
    )
    name = models.CharField(max_length=100)
    province = models.CharField(max_length=50, blank=True)
    status = models.CharField(max_length=16, choices=CountyStatus.choices, default=CountyStatus.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)

    # Schemas are created by onboard_county (a clone of the template), never as a side effect.
    auto_create_schema = False
    auto_drop_schema = False
    clone_mode = "NODATA"

    objects = CountyQuerySet.as_manager()

    class Meta:
        verbose_name = "县"
        verbose_name_plural = "县"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name

    @property
    def is_platform(self) -> bool:
        return self.schema_name == PUBLIC_SCHEMA

    @property
    def is_active(self) -> bool:
        return self.status == CountyStatus.ACTIVE


class Domain(DomainMixin):
    """A host name that reaches a county (or, for the public row, the platform)."""

    class Meta:
        verbose_name = "域名"
        verbose_name_plural = "域名"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    READY = "ready", "已就绪"
    FAILED = "failed", "失败"


class OnboardingJob(models.Model):
    """开通任务: a county being onboarded in a worker; the operator watches it until ready."""

    code = models.CharField(max_length=6)
    name = models.CharField(max_length=100)
    province = models.CharField(max_length=50, blank=True)
    domains = models.JSONField(default=list, blank=True)
    preset = models.CharField(max_length=32, blank=True)
    document = models.TextField(blank=True)  # a full pack instead of a preset
    admin_username = models.CharField(max_length=150, blank=True)
    requested_by = models.CharField(max_length=150, blank=True)
    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    step = models.CharField(max_length=100, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "开通任务"

    def __str__(self) -> str:
        return f"{self.code} {self.status}"


class TemplateDDL(models.Model):
    """模板 schema 的建表语句：每个迁移状态一份（``counties.blueprint``），新县由它创建。"""

    state = models.CharField(max_length=64, unique=True)  # digest of the template's migrations
    ddl = models.TextField()
    generated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "模板建表语句"

    def __str__(self) -> str:
        return self.state[:12]
