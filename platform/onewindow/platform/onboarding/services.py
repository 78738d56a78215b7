"""Request and run onboarding jobs: everything that can be checked is checked before a job is
queued; a worker (or ``onboard_now``, in this process) then carries it out."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from onewindow.platform.audit.services import record_platform_event
from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, ErrorDetail, ValidationErrors
from onewindow.platform.counties.models import JobStatus, OnboardingJob
from onewindow.platform.counties.services import validate_new_county
from onewindow.platform.onboarding.jobs import prepare_pack, run_job
from onewindow.platform.onboarding.tasks import run_onboarding_job
from onewindow.platform.onboarding.todo import Todo, onboarding_todo

__all__ = ["job_todo", "onboard_now", "request_onboarding"]


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


def first_admin_password(job_id: int, *, actor: Any) -> tuple[str, str]:
    """The temporary password of a newly onboarded county's first admin, shown once to the
    operator who onboarded it: the job's own admin only, and only until that account has
    logged in for the first time (after that, passwords are the county's business).
    Returns (username, password)."""
    from onewindow.platform.accounts.members import reset_member_password
    from onewindow.platform.accounts.models import User
    from onewindow.platform.counties.models import County

    job = OnboardingJob.objects.filter(pk=job_id).first()
    if job is None:
        raise BusinessError("NOT_FOUND", "开通任务不存在", field="job")
    if job.status != JobStatus.READY or not job.admin_username:
        raise BusinessError("NO_FIRST_ADMIN", "该任务没有已开通的管理员", field="job")
    user = User.objects.filter(username=job.admin_username).first()
    if user is None or user.last_login is not None:
        raise BusinessError(
            "ADMIN_ALREADY_ACTIVE",
            "管理员已登录过：请由其本人修改密码，或在该县的人员与权限中重置",
            field="job",
        )
    county = County.objects.get(code=job.code)
    return job.admin_username, reset_member_password(job.admin_username, county=county, actor=actor)


def job_todo(job: OnboardingJob) -> list[Todo]:
    """What is left to fill in for a county that is ready (read from the pack it was given)."""
    if job.status != JobStatus.READY:
        return []
    try:
        pack = prepare_pack(job.code, job.name, job.province, preset=job.preset, document=job.document)
    except BusinessError:  # the preset changed since: nothing sensible to list
        return []
    return onboarding_todo(pack, preset=job.preset, admin=job.admin_username)
