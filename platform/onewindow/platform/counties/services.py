"""Writes for counties: the platform row, onboarding (the template's DDL), status changes."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import transaction

from onewindow.platform.audit.services import record_platform_event
from onewindow.platform.core.errors import BusinessError, ErrorDetail, NotFound, ValidationErrors
from onewindow.platform.core.tenancy import use_public
from onewindow.platform.counties import citus
from onewindow.platform.counties.blueprint import create_county_schema
from onewindow.platform.counties.models import (
    PUBLIC_SCHEMA,
    County,
    CountyStatus,
    Domain,
    county_code_validator,
    schema_name_for,
)
from onewindow.platform.counties.schemas import ensure_template_schema

log = logging.getLogger(__name__)

# The first three tenants (names and codes only; their configuration is a policy pack).
SEED_COUNTIES: tuple[tuple[str, str, str], ...] = (
    ("150626", "乌审旗", "内蒙古自治区"),
    ("331081", "温岭市", "浙江省"),
    ("410222", "通许县", "河南省"),
)


@transaction.atomic
def ensure_platform_tenant(hosts: list[str] | None = None) -> County:
    """The public row django-tenants expects, with the platform host names as its domains."""
    public, created = County.objects.get_or_create(
        schema_name=PUBLIC_SCHEMA,
        defaults={"name": "省级平台", "status": CountyStatus.ACTIVE},
    )
    for i, host in enumerate(hosts if hosts is not None else settings.PLATFORM_HOSTS):
        Domain.objects.get_or_create(domain=host, defaults={"tenant": public, "is_primary": i == 0})
    if created:
        record_platform_event("platform.initialised", public)
    return public


def validate_new_county(code: str, name: str, domains: list[str] | None = None) -> None:
    problems: list[ErrorDetail] = []
    try:
        county_code_validator(code)
    except Exception:
        problems.append(ErrorDetail("INVALID_COUNTY_CODE", "行政区划代码必须是 6 位数字", "code"))
    if not name.strip():
        problems.append(ErrorDetail("REQUIRED", "县名不能为空", "name"))
    if County.objects.filter(code=code).exists():
        problems.append(ErrorDetail("COUNTY_EXISTS", f"代码 {code} 的县已存在", "code"))
    for i, host in enumerate(domains or []):
        if Domain.objects.filter(domain=host.lower()).exists():
            problems.append(ErrorDetail("DOMAIN_TAKEN", f"域名 {host} 已被使用", f"domains[{i}]"))
    if problems:
        raise ValidationErrors(problems)


def onboard_county(
    code: str,
    name: str,
    province: str = "",
    *,
    domains: list[str] | None = None,
    actor: object | None = None,
    activate: bool = True,
) -> County:
    """Create a county: its row, its host names, and its schema made from the template's DDL
    (``counties.blueprint``).

    Idempotent for a county that already exists with this code and name (returns it, and
    finishes a schema an earlier attempt left undone). The row is created ``provisioning`` and
    committed first (a worker shows it on the job), and only becomes ``active`` once the schema
    is complete; a failed schema removes both.
    """
    use_public()
    existing = County.objects.filter(code=code).first()
    if existing is not None and existing.name != name:
        raise BusinessError("COUNTY_EXISTS", f"代码 {code} 已属于 {existing.name}", field="code")
    if existing is not None and existing.status != CountyStatus.PROVISIONING:
        return existing
    if existing is None:
        validate_new_county(code, name, domains)
    started = time.monotonic()
    ensure_template_schema()
    with transaction.atomic():
        county, _ = County.objects.get_or_create(
            code=code,
            defaults={
                "schema_name": schema_name_for(code),
                "name": name.strip(),
                "province": province.strip(),
                "status": CountyStatus.PROVISIONING,
            },
        )
        for i, host in enumerate(domains or []):
            Domain.objects.get_or_create(
                domain=host.lower(), defaults={"tenant": county, "is_primary": i == 0}
            )
    try:
        # the DDL or a renamed spare; on Citus made with sharding off, then distributed whole
        with citus.county_schema_creation(county.schema_name):
            create_county_schema(county.schema_name)
    except Exception:
        log.exception("cloning the template for county %s failed; rolling back", code)
        use_public()
        county.delete(force_drop=True)
        raise
    use_public()
    with transaction.atomic():
        if activate:  # otherwise the caller activates it once configured (onboarding jobs)
            County.objects.filter(pk=county.pk).update(status=CountyStatus.ACTIVE)
            county.status = CountyStatus.ACTIVE
        seconds = round(time.monotonic() - started, 3)
        record_platform_event(
            "county.onboarded",
            county,
            actor=actor,
            data={"code": code, "name": county.name, "province": county.province, "seconds": seconds},
        )
    log.info("county %s %s onboarded in %.2fs", code, county.name, seconds)
    return county


@transaction.atomic
def set_county_status(code: str, status: str, *, actor: object | None = None) -> County:
    """Suspend or reactivate a county. A suspended county's API answers COUNTY_SUSPENDED."""
    if status not in (CountyStatus.ACTIVE, CountyStatus.SUSPENDED):
        raise BusinessError("INVALID_STATUS", f"状态 {status} 无效", field="status")
    county = County.objects.counties().select_for_update().filter(code=code).first()
    if county is None:
        raise NotFound(f"县 {code}", field="code")
    if county.status == CountyStatus.PROVISIONING:
        raise BusinessError("COUNTY_PROVISIONING", "该县仍在创建中", field="code")
    if county.status != status:
        previous = county.status
        county.status = status
        county.save(update_fields=["status"])
        record_platform_event(
            "county.status_changed", county, actor=actor, data={"from": previous, "to": status}
        )
    return county
