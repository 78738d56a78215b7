"""Carry an onboarding job out (in a worker, or in this process for ``onewindow up``): the pack
for the new county, then clone, apply and grant, each step shown on the job."""

from __future__ import annotations

import logging
import time

from django.db import transaction

from onewindow.platform.accounts.roles import Role
from onewindow.platform.accounts.services import ensure_user, grant_membership
from onewindow.platform.audit.services import record_platform_event
from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, ErrorDetail
from onewindow.platform.core.tenancy import dangerously_in_county, in_public
from onewindow.platform.counties.models import County, CountyStatus, JobStatus, OnboardingJob
from onewindow.platform.counties.services import onboard_county
from onewindow.tenants.policy.document import pack_from_data, parse_pack
from onewindow.tenants.policy.presets import preset_text
from onewindow.tenants.policy.schema import PolicyPack
from onewindow.tenants.policy.services import apply_pack, validate_pack

__all__ = ["prepare_pack", "run_job"]


log = logging.getLogger("onewindow.onboarding")


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


def _step(job: OnboardingJob, step: str, progress: int) -> None:
    OnboardingJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, step=step, progress=progress)
    # a line per step in the log (the CLI's and up's terminal, the worker's log)
    log.info("开通 %s（%s）：%s（%d%%）", job.name, job.code, step, progress)


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
        with dangerously_in_county(county):
            apply_pack(pack, actor=job.requested_by, source=f"onboarding:{job.preset or 'pack'}")
        _step(job, "授予管理员", 90)
        with in_public(), transaction.atomic():
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
        with in_public():
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
