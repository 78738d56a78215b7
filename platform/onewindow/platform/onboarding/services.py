"""Request, run and observe onboarding jobs."""

from __future__ import annotations

import time
from typing import Any

from django.db import transaction
from django_tenants.utils import schema_context, tenant_context

from onewindow.platform.accounts.roles import Role
from onewindow.platform.accounts.services import ensure_user, grant_membership
from onewindow.platform.audit.services import record_platform_event
from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, ErrorDetail, ValidationErrors
from onewindow.platform.counties.models import County, CountyStatus, JobStatus, OnboardingJob
from onewindow.platform.counties.services import onboard_county, validate_new_county
from onewindow.tenants.policy.document import pack_from_data, parse_pack
from onewindow.tenants.policy.presets import preset_text
from onewindow.tenants.policy.schema import PolicyPack
from onewindow.tenants.policy.services import apply_pack, validate_pack


def prepare_pack(code: str, name: str, province: str, *, preset: str = "", document: str = "") -> PolicyPack:
    """The pack a new county will get, validated for it (its identity, its province's catalog)."""
    if bool(preset) == bool(document):
        raise BusinessError("PRESET_OR_PACK", "请给出预设名或政策包之一", field="preset")
    text = preset_text(preset) if preset else document
    data = parse_pack(text).model_dump(mode="json", by_alias=True)
    data["county"] = {"code": code, "name": name, "province": province}
    pack = pack_from_data(data)
    validate_pack(pack, province=province)
    return pack


@transaction.atomic
def request_onboarding(
    code: str,
    name: str,
    province: str,
    *,
    domains: list[str] | None = None,
    preset: str = "",
    document: str = "",
    admin: str = "",
    actor: Any = None,
    enqueue: bool = True,
) -> OnboardingJob:
    """Check everything that can be checked now, then queue the job. Nothing is created when
    the code, a host or the pack is wrong."""
    problems: list[ErrorDetail] = []
    try:
        validate_new_county(code, name, domains)
    except ValidationErrors as exc:
        problems.extend(exc.details)
    if OnboardingJob.objects.filter(code=code, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).exists():
        problems.append(ErrorDetail("ONBOARDING_IN_PROGRESS", f"{code} 正在开通中", "code"))
    if problems:  # the pack is checked for a valid identity only, or its errors repeat these
        raise ValidationErrors(problems)
    try:
        prepare_pack(code, name, province, preset=preset, document=document)
    except BusinessError as exc:
        problems.extend(
            ErrorDetail(d.code, d.message, _pack_field(d.field, preset=bool(preset))) for d in exc.details
        )
    if problems:
        raise ValidationErrors(problems)
    job = OnboardingJob.objects.create(
        code=code,
        name=name.strip(),
        province=province.strip(),
        domains=[d.lower() for d in domains or []],
        preset=preset,
        document=document,
        admin_username=admin.strip(),
        requested_by=getattr(actor, "username", str(actor or "system")),
        created_at=clock.now(),
    )
    record_platform_event("onboarding.requested", job, actor=actor, data={"code": code, "preset": preset})
    from onewindow.platform.onboarding.tasks import run_onboarding_job

    if enqueue:
        transaction.on_commit(lambda: run_onboarding_job.delay(job.pk))
    return job


def onboard_now(
    code: str,
    name: str,
    province: str,
    *,
    actor: Any,
    preset: str = "",
    document: str = "",
    domains: list[str] | None = None,
    admin: str = "",
) -> OnboardingJob:
    """Onboard in this process (``onewindow up``, tests, the CLI): same checks, same steps."""
    job = request_onboarding(
        code,
        name,
        province,
        preset=preset,
        document=document,
        domains=domains,
        admin=admin,
        actor=actor,
        enqueue=False,
    )
    return run_job(job.pk)


def _pack_field(field: str | None, *, preset: bool) -> str:
    root = "preset" if preset else "pack"
    return f"{root}.{field}" if field and field not in ("preset",) else (field or root)


def _step(job: OnboardingJob, step: str, progress: int) -> None:
    OnboardingJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, step=step, progress=progress)


def run_job(job_id: int) -> OnboardingJob:
    """Carry a queued job out: clone, apply the pack, grant the admin; ready, or failed with
    nothing left behind."""
    job = OnboardingJob.objects.get(pk=job_id)
    if job.status not in (JobStatus.QUEUED, JobStatus.RUNNING):
        return job  # a redelivered message after the job finished
    started = time.monotonic()
    try:
        pack = prepare_pack(job.code, job.name, job.province, preset=job.preset, document=job.document)
        _step(job, "克隆模板 schema", 20)
        county = onboard_county(
            job.code, job.name, job.province, domains=job.domains, actor=job.requested_by, activate=False
        )
        _step(job, "应用政策包", 60)
        with tenant_context(county):
            apply_pack(pack, actor=job.requested_by, source=f"onboarding:{job.preset or 'pack'}")
        _step(job, "授予管理员", 90)
        with schema_context("public"), transaction.atomic():
            if job.admin_username:
                admin = ensure_user(job.admin_username, actor=job.requested_by)
                grant_membership(admin, county, [Role.COUNTY_ADMIN], actor=job.requested_by)
            County.objects.filter(pk=county.pk).update(status=CountyStatus.ACTIVE)
            OnboardingJob.objects.filter(pk=job.pk).update(
                status=JobStatus.READY,
                step="已就绪",
                progress=100,
                finished_at=clock.now(),
                seconds=round(time.monotonic() - started, 3),
            )
            record_platform_event("onboarding.ready", job, actor=job.requested_by, data={"code": job.code})
    except Exception as exc:
        details = (
            exc.details if isinstance(exc, BusinessError) else [ErrorDetail("INTERNAL_ERROR", str(exc)[:500])]
        )
        with schema_context("public"):
            leftover = County.objects.filter(code=job.code, status=CountyStatus.PROVISIONING).first()
            if leftover is not None:
                leftover.delete(force_drop=True)
            OnboardingJob.objects.filter(pk=job.pk).update(
                status=JobStatus.FAILED,
                errors=[{"code": d.code, "message": d.message, "field": d.field} for d in details],
                finished_at=clock.now(),
            )
        if not isinstance(exc, BusinessError):
            raise
    job.refresh_from_db()
    return job
