"""The back office: pauses, extensions and the department's decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from onewindow.platform.core.errors import NotFound
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.cases.errors import CaseError, invalid_transition
from onewindow.tenants.cases.models import (
    Case,
    CasePause,
    CaseStatus,
    Extension,
    ExtensionStatus,
    PauseKind,
)
from onewindow.tenants.cases.services._common import (
    actor_name,
    locked_case,
    recompute_due,
    save_case,
)
from onewindow.tenants.cases.services.handover import open_result_handover
from onewindow.tenants.escalation import services as escalation
from onewindow.tenants.hall.models import StaffMember


@transaction.atomic
def pause_clock(
    number: str, *, version: int | None, kind: str, reason: str = "", actor: object | None
) -> Case:
    """计时暂停 for 补正 after acceptance or a special procedure (听证、检验检测、专家评审、现场勘验)."""
    case = locked_case(number, version)
    if case.status != CaseStatus.ACCEPTED or case.bundle_id is not None:
        raise invalid_transition(case.status, "暂停计时")
    if case.paused:
        raise CaseError("ALREADY_PAUSED", "计时已暂停", field="status")
    if kind not in PauseKind.values:
        raise CaseError("INVALID_CHOICE", "暂停原因类型无效", field="kind")
    CasePause.objects.create(case=case, kind=kind, reason=reason, started_on=clock.today())
    escalation.pause_watches("Case", case.pk)
    case.paused = True
    save_case(case, "paused")
    record_event("case.clock_paused", case, actor=actor, data={"kind": kind, "reason": reason})
    return case


@transaction.atomic
def resume_clock(number: str, *, version: int | None, actor: object | None) -> Case:
    """恢复计时: the paused days (from the pause to the day before today) do not count."""
    case = locked_case(number, version)
    pause = case.pauses.filter(ended_on__isnull=True).first()
    if not case.paused or pause is None:
        raise CaseError("NOT_PAUSED", "计时未暂停", field="status")
    pause.ended_on = clock.today() - dt.timedelta(days=1)
    pause.save(update_fields=["ended_on"])
    case.paused = False
    recompute_due(case)
    escalation.move_deadline("Case", case.pk, case.due_on, resume=True)
    save_case(case, "paused", "due_on")
    record_event("case.clock_resumed", case, actor=actor, data={"due_on": str(case.due_on)})
    return case


@transaction.atomic
def request_extension(
    number: str, *, version: int | None, days: int, reason: str, actor: object | None
) -> Extension:
    case = locked_case(number, version)
    if case.status != CaseStatus.ACCEPTED:
        raise invalid_transition(case.status, "申请延期")
    if not 1 <= days <= 60:
        raise CaseError("INVALID_DAYS", "延期天数须在 1 到 60 个工作日之间", field="days")
    if not reason.strip():
        raise CaseError("REQUIRED", "请说明延期理由", field="reason")
    if case.extensions.filter(status=ExtensionStatus.REQUESTED).exists():
        raise CaseError("EXTENSION_PENDING", "已有待批准的延期申请", field="days")
    extension = Extension.objects.create(
        case=case, days=days, reason=reason.strip(), requested_by=actor_name(actor), requested_at=clock.now()
    )
    save_case(case)
    record_event("case.extension_requested", case, actor=actor, data={"days": days, "reason": reason.strip()})
    return extension


@transaction.atomic
def decide_extension(extension_id: int, *, approve: bool, actor: Any, roles: Iterable[str]) -> Extension:
    """延期 needs a manager's approval (中心负责人)."""
    if Role.CENTRE_MANAGER not in set(roles):
        raise CaseError("MANAGER_REQUIRED", "延期须由中心负责人批准", field="id")
    extension = Extension.objects.select_for_update().select_related("case").filter(pk=extension_id).first()
    if extension is None:
        raise NotFound("延期申请", field="id")
    if extension.status != ExtensionStatus.REQUESTED:
        raise CaseError("ALREADY_DECIDED", "该延期申请已处理", field="id")
    case = locked_case(extension.case.number, None)
    extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED
    extension.decided_by, extension.decided_at = actor_name(actor), clock.now()
    extension.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        case.extension_days += extension.days
        recompute_due(case)
        escalation.move_deadline("Case", case.pk, case.due_on)
        save_case(case, "extension_days", "due_on")
    record_event(
        "case.extension_decided",
        case,
        actor=actor,
        data={"approved": approve, "days": extension.days, "due_on": str(case.due_on)},
    )
    return extension


def _approver_of(case: Case, actor: Any, roles: Iterable[str]) -> None:
    """Only an approver posted to the case's department decides it."""
    username = actor_name(actor)
    if (
        Role.APPROVER not in set(roles)
        or not StaffMember.objects.live()
        .filter(username=username, department=case.department, roles__contains=[Role.APPROVER])
        .exists()
    ):
        raise CaseError(
            "WRONG_DEPARTMENT", f"只有{case.department.name}的审批人员可以审批此件", field="number"
        )


@transaction.atomic
def decide_case(
    number: str, *, version: int | None, approve: bool, reason: str = "", actor: Any, roles: Iterable[str]
) -> Case:
    """准予 or 不予许可, with reasons; a bundle completes when all its sub-cases are decided."""
    case = locked_case(number, version)
    if case.status != CaseStatus.ACCEPTED or case.bundle_id is not None:
        raise invalid_transition(case.status, "审批")
    if case.paused:
        raise CaseError("CLOCK_PAUSED", "计时暂停中（补正或特别程序），恢复后再审批", field="status")
    _approver_of(case, actor, roles)
    if not approve and not reason.strip():
        raise CaseError("REQUIRED", "不予许可须说明理由", field="reason")
    case.status = CaseStatus.APPROVED if approve else CaseStatus.DENIED
    case.decided_at, case.decided_by, case.decision_reason = clock.now(), actor_name(actor), reason.strip()
    save_case(case, "status", "decided_at", "decided_by", "decision_reason")
    escalation.resolve_watches("Case", case.pk)
    record_event("case.decided", case, actor=actor, data={"approved": approve, "reason": reason.strip()})
    open_result_handover(case)  # 000 第九条: the result now goes to the 综合出件 window
    if case.parent_id is not None:
        parent = Case.objects.select_for_update().get(pk=case.parent_id)
        siblings = list(parent.children.values_list("status", flat=True))
        if all(s in (CaseStatus.APPROVED, CaseStatus.DENIED) for s in siblings):
            parent.status = (
                CaseStatus.APPROVED if all(s == CaseStatus.APPROVED for s in siblings) else CaseStatus.DENIED
            )
            parent.decided_at, parent.decided_by = clock.now(), "bundle"
            save_case(parent, "status", "decided_at", "decided_by")
            record_event(
                "case.decided",
                parent,
                actor=actor,
                data={"approved": parent.status == CaseStatus.APPROVED, "bundle": True},
            )
    return case
