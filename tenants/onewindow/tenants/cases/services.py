"""Every change to a case: one function per business act, one transaction, one audit event.

Callers pass the ``version`` they saw; a case changed in between is refused (CONCURRENT_EDIT)
and nothing changes. Dates are county dates (``clock.today()``); deadlines are working days on
the county calendar, the acceptance day not counted, paused intervals skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from onewindow.platform.core.errors import ErrorDetail, NotFound, ValidationErrors
from onewindow.platform.core.tenancy import db
from onewindow.platform.core.versioning import lock_for_edit, save_edit
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.cases.errors import CaseError, invalid_transition
from onewindow.tenants.cases.models import (
    Applicant,
    Case,
    CaseMaterial,
    CasePause,
    CaseStatus,
    Channel,
    CorrectionNotice,
    Delivery,
    Extension,
    ExtensionStatus,
    Handover,
    Issuance,
    MaterialState,
    PauseKind,
    Review,
    ReviewChannel,
    ToleranceCommitment,
)
from onewindow.tenants.catalog.models import Bundle, ItemKind, ServiceItem
from onewindow.tenants.escalation import services as escalation
from onewindow.tenants.escalation.models import SubjectKind
from onewindow.tenants.hall.models import StaffMember, Window, WindowKind
from onewindow.tenants.outbox.services import enqueue_notification
from onewindow.tenants.workcalendar.calendar import Interval, WorkingCalendar

# 不予受理 must tell the applicant their remedies (行政许可法 art. 32, 38).
RIGHTS_NOTICE = "如对本决定不服，可自收到之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。"


def _actor_name(actor: object | None) -> str:
    return actor if isinstance(actor, str) else str(getattr(actor, "username", "system"))


def _locked(number: str, version: int | None) -> Case:
    return lock_for_edit(Case, what=f"办件 {number}", version=version, number=number)


def _save(case: Case, *fields: str) -> None:
    save_edit(case, *fields)


def _next_number() -> str:
    county = getattr(db, "tenant", None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('case_number_seq')")
        (seq,) = cursor.fetchone()
    return f"{getattr(county, 'code', '000000')}{clock.today():%Y%m%d}{seq:06d}"


def _intervals(case: Case) -> list[Interval]:
    """Closed pauses as day intervals: from the day paused to the day before the resumption."""
    out: list[Interval] = []
    for pause in case.pauses.all():
        if pause.ended_on is not None and pause.ended_on >= pause.started_on:
            out.append((pause.started_on, pause.ended_on))
    return out


def _watch(case: Case) -> None:
    """The county's deadline chains (三级提醒) start watching an accepted case."""
    escalation.start_watches(
        SubjectKind.CASE,
        "Case",
        case.pk,
        f"办件 {case.number}",
        started_on=case.accepted_on,  # type: ignore[arg-type]
        deadline_on=case.due_on,
    )


def _recompute_due(case: Case, calendar: WorkingCalendar | None = None) -> None:
    if case.accepted_on is None or case.promised_days is None:
        case.due_on = None
        return
    calendar = calendar or WorkingCalendar.for_active_county()
    case.due_on = calendar.add_working_days(
        case.accepted_on, case.promised_days + case.extension_days, _intervals(case)
    )


# --- intake ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicantInput:
    kind: str
    name: str
    id_number: str
    phone: str = ""


def _applicant(data: ApplicantInput) -> Applicant:
    if data.kind not in ("person", "enterprise"):
        raise CaseError("INVALID_CHOICE", "申请人类型无效", field="applicant.kind")
    id_number = data.id_number.strip().upper()
    expected = 18
    if len(id_number) != expected:
        raise CaseError(
            "INVALID_ID_NUMBER", "身份证号或统一社会信用代码应为 18 位", field="applicant.idNumber"
        )
    applicant = Applicant.objects.filter(id_number=id_number).first()
    if applicant is None:
        return Applicant.objects.create(
            kind=data.kind,
            name=data.name.strip(),
            id_number=id_number,
            phone=data.phone.strip(),
            created_at=clock.now(),
        )
    if data.phone.strip() and data.phone.strip() != applicant.phone:  # stored once: the newest phone wins
        applicant.phone = data.phone.strip()
        applicant.save(update_fields=["phone"])
    return applicant


def _material_list(item: ServiceItem | None, bundle: Bundle | None) -> list[tuple[str, str, bool, bool]]:
    """(code, name, tolerance_allowed, exempt) for an item, or a bundle's combined list."""
    if item is not None:
        return [(m.code, m.name, m.tolerance_allowed, bool(m.exempt)) for m in item.materials.all()]
    assert bundle is not None
    seen: dict[str, tuple[str, str, bool, bool]] = {}
    for member in bundle.items.order_by("position", "code"):
        for m in member.materials.all():
            code, tol, exempt = f"{member.code}.{m.code}", m.tolerance_allowed, bool(m.exempt)
            if m.name in seen:
                first = seen[m.name]
                seen[m.name] = (first[0], m.name, first[2] and tol, first[3] and exempt)
            else:
                seen[m.name] = (code, m.name, tol, exempt)
    return list(seen.values())


@transaction.atomic
def receive_case(
    *,
    applicant: ApplicantInput,
    item: str | None = None,
    bundle: str | None = None,
    channel: str,
    window: str | None,
    provided: Iterable[str],
    irregular: dict[str, str] | None = None,
    failed_review_points: dict[str, str] | None = None,
    idempotency_key: str | None = None,
    actor: object | None,
) -> Case:
    """收件: record who applies for what, and check the materials against the item's list.

    Materials flagged 免提交 are never required ("两个免于提交"). Online submissions use the
    same function (channel ``online``, no window)."""
    if idempotency_key:
        existing = (
            Case.objects.filter(idempotency_key=idempotency_key).values_list("number", flat=True).first()
        )
        if existing:
            raise CaseError("DUPLICATE_SUBMISSION", f"同一申请已收件为 {existing}", field="idempotencyKey")
    if (item is None) == (bundle is None):
        raise CaseError("ITEM_OR_BUNDLE", "请选择一个事项或一件事", field="item")
    if channel not in Channel.values:
        raise CaseError("INVALID_CHOICE", "渠道无效", field="channel")
    the_item = ServiceItem.objects.live().filter(code=item).first() if item else None
    the_bundle = Bundle.objects.live().filter(code=bundle).first() if bundle else None
    if item and the_item is None:
        raise NotFound(f"事项 {item}", field="item")
    if bundle and the_bundle is None:
        raise NotFound(f"一件事 {bundle}", field="bundle")
    the_window = None
    if window:
        the_window = Window.objects.live().filter(code=window).first()
        if the_window is None:
            raise NotFound(f"窗口 {window}", field="window")
    elif channel == Channel.WINDOW:
        raise CaseError("REQUIRED", "窗口收件须指明窗口", field="window")
    materials = _material_list(the_item, the_bundle)
    known = {code for code, *_ in materials}
    provided = set(provided)
    irregular = irregular or {}
    unknown = sorted((provided | set(irregular)) - known)
    if unknown:
        raise CaseError("UNKNOWN_MATERIAL", f"材料 {unknown[0]} 不在清单中", field="materials")
    points = the_item.review_points if the_item else []
    failed = failed_review_points or {}
    unknown_points = sorted(set(failed) - {f"rp{i}" for i in range(1, len(points) + 1)})
    if unknown_points:
        raise CaseError(
            "UNKNOWN_REVIEW_POINT", f"审查要点 {unknown_points[0]} 不存在", field="failedReviewPoints"
        )
    review_checks = [
        {"code": f"rp{i}", "point": point, "passed": f"rp{i}" not in failed, "note": failed.get(f"rp{i}", "")}
        for i, point in enumerate(points, 1)
    ]
    case = Case.objects.create(
        number=_next_number(),
        idempotency_key=idempotency_key or None,
        applicant=_applicant(applicant),
        item=the_item,
        bundle=the_bundle,
        department=the_item.department if the_item else the_bundle.lead_department,  # type: ignore[union-attr]
        channel=channel,
        window=the_window,
        clerk_username=_actor_name(actor),
        review_checks=review_checks,
        received_at=clock.now(),
    )
    CaseMaterial.objects.bulk_create(
        [
            CaseMaterial(
                case=case,
                code=code,
                name=name,
                state=(
                    MaterialState.EXEMPT
                    if exempt
                    else MaterialState.IRREGULAR
                    if code in irregular
                    else MaterialState.PROVIDED
                    if code in provided
                    else MaterialState.MISSING
                ),
                note=irregular.get(code, ""),
            )
            for code, name, _tol, exempt in materials
        ]
    )
    record_event(
        "case.received",
        case,
        actor=actor,
        data={"number": case.number, "item": item, "bundle": bundle, "channel": channel, "window": window},
    )
    return case


def _problems(case: Case) -> list[CaseMaterial]:
    return [m for m in case.materials.all() if m.state in (MaterialState.MISSING, MaterialState.IRREGULAR)]


def _failed_points(case: Case) -> dict[str, dict[str, Any]]:
    return {c["code"]: c for c in case.review_checks if not c["passed"]}


def _tolerable(case: Case) -> set[str]:
    return {code for code, _n, tol, _e in _material_list(case.item, case.bundle) if tol}


@transaction.atomic
def issue_correction_notice(
    number: str, *, version: int | None, entries: list[dict[str, str]], actor: object | None
) -> CorrectionNotice:
    """一次性告知: one notice that lists every missing or irregular material and how to fix it.
    A notice that leaves one out is refused — there is never a second notice for something the
    first could have said."""
    case = _locked(number, version)
    if case.status != CaseStatus.RECEIVED:
        raise invalid_transition(case.status, "出具一次性告知")
    # what is wrong: missing or irregular materials, and failed review points (审查要点)
    problems: dict[str, tuple[str, str]] = {m.code: (m.name, m.get_state_display()) for m in _problems(case)}
    problems.update(
        {code: (c["point"], c["note"] or "不符合审查要点") for code, c in _failed_points(case).items()}
    )
    if not problems:
        raise CaseError("NOTHING_TO_CORRECT", "材料齐全，无需一次性告知", field="entries")
    listed = {e.get("code", "") for e in entries}
    errors = [
        ErrorDetail("NOTICE_INCOMPLETE", f"告知书漏列了 {problems[c][0]}", "entries")
        for c in sorted(set(problems) - listed)
    ]
    errors += [
        ErrorDetail("UNKNOWN_MATERIAL", f"{e.get('code')} 不是缺少或不规范的材料", f"entries[{i}].code")
        for i, e in enumerate(entries)
        if e.get("code") not in problems
    ]
    errors += [
        ErrorDetail("REQUIRED", "请写明如何补正", f"entries[{i}].fix")
        for i, e in enumerate(entries)
        if not str(e.get("fix", "")).strip()
    ]
    if errors:
        raise ValidationErrors(errors)
    given = {e["code"]: e for e in entries}
    notice = CorrectionNotice.objects.create(
        case=case,
        number=f"{case.number}-G{case.notices.count() + 1}",
        entries=[
            {
                "code": code,
                "name": name,
                "problem": given[code].get("problem") or problem,
                "fix": given[code]["fix"].strip(),
            }
            for code, (name, problem) in problems.items()
        ],
        issued_at=clock.now(),
        issued_by=_actor_name(actor),
    )
    case.status = CaseStatus.CORRECTION_REQUIRED
    _save(case, "status")
    record_event(
        "case.correction_notice_issued",
        case,
        actor=actor,
        data={"notice": notice.number, "entries": notice.entries},
    )
    return notice


@transaction.atomic
def resubmit_materials(
    number: str,
    *,
    version: int | None,
    provided: Iterable[str],
    irregular: dict[str, str] | None = None,
    actor: object | None,
) -> Case:
    """补正后重新提交: the case goes back to the front desk's check."""
    case = _locked(number, version)
    if case.status != CaseStatus.CORRECTION_REQUIRED:
        raise invalid_transition(case.status, "补正材料")
    provided, irregular = set(provided), irregular or {}
    for material in case.materials.exclude(state=MaterialState.EXEMPT):
        if material.code in irregular:
            material.state, material.note = MaterialState.IRREGULAR, irregular[material.code]
        elif material.code in provided:
            material.state, material.note = MaterialState.PROVIDED, ""
        material.save(update_fields=["state", "note"])
    case.notices.filter(resolved_at__isnull=True).update(resolved_at=clock.now())
    # the corrected application is checked against the review points afresh
    case.review_checks = [{**c, "passed": True, "note": ""} for c in case.review_checks]
    case.status = CaseStatus.RECEIVED
    _save(case, "status", "review_checks")
    record_event("case.materials_resubmitted", case, actor=actor, data={"provided": sorted(provided)})
    return case


@transaction.atomic
def refuse_case(number: str, *, version: int | None, reason: str, actor: object | None) -> Case:
    """不予受理, with the reason and the applicant's rights and remedies."""
    case = _locked(number, version)
    if case.status not in (CaseStatus.RECEIVED, CaseStatus.CORRECTION_REQUIRED):
        raise invalid_transition(case.status, "不予受理")
    if not reason.strip():
        raise CaseError("REQUIRED", "不予受理须说明理由", field="reason")
    case.status = CaseStatus.REFUSED
    case.refusal_reason = f"{reason.strip()}\n{RIGHTS_NOTICE}"
    _save(case, "status", "refusal_reason")
    record_event("case.refused", case, actor=actor, data={"reason": reason.strip()})
    return case


@transaction.atomic
def accept_case(
    number: str,
    *,
    version: int | None,
    tolerate: Iterable[str] = (),
    tolerance_due_on: dt.date | None = None,
    actor: object | None,
) -> Case:
    """受理. Every required material is there, or missing with the item's leave to be supplied
    later (容缺, with a commitment and a due date). The case goes at once to its department's
    approval queue; a bundle spawns one sub-case per member item; a 即办件 is decided now."""
    case = _locked(number, version)
    if case.status != CaseStatus.RECEIVED:
        raise invalid_transition(case.status, "受理")
    tolerate = set(tolerate)
    tolerable = _tolerable(case)
    problems = _problems(case)
    blocking = [
        m
        for m in problems
        if not (m.state == MaterialState.MISSING and m.code in tolerate and m.code in tolerable)
    ]
    if blocking:
        raise ValidationErrors(
            ErrorDetail(
                "MATERIALS_INCOMPLETE" if m.state == MaterialState.MISSING else "MATERIAL_IRREGULAR",
                f"{m.name}{'缺少' if m.state == MaterialState.MISSING else '不规范'}"
                + ("，且不允许容缺" if m.code in tolerate else "，请出具一次性告知或选择容缺受理"),
                "materials",
            )
            for m in blocking
        )
    failed_points = _failed_points(case)
    if failed_points:
        raise ValidationErrors(
            ErrorDetail("REVIEW_POINT_FAILED", f"不符合审查要点：{c['point']}", "reviewChecks")
            for c in failed_points.values()
        )
    tolerated = [m for m in problems if m.code in tolerate]
    if tolerated:
        if tolerance_due_on is None or tolerance_due_on <= clock.today():
            raise CaseError("TOLERANCE_DUE_REQUIRED", "容缺受理须约定今后的补齐日期", field="toleranceDueOn")
        CaseMaterial.objects.filter(pk__in=[m.pk for m in tolerated]).update(state=MaterialState.TOLERATED)
        ToleranceCommitment.objects.create(
            case=case, materials=[m.code for m in tolerated], due_on=tolerance_due_on
        )
    calendar = WorkingCalendar.for_active_county()
    today = clock.today()
    case.accepted_on = today
    immediate = case.item is not None and case.item.kind == ItemKind.IMMEDIATE
    if case.bundle is not None:
        case.promised_days = case.bundle.promised_limit_days
    else:
        case.promised_days = 0 if immediate else case.item.promised_limit_days  # type: ignore[union-attr]
    _recompute_due(case, calendar)
    case.status = CaseStatus.ACCEPTED
    fields = ["status", "accepted_on", "promised_days", "due_on"]
    if immediate:  # 即办件: decided at the front desk in the same visit
        case.status, case.decided_at, case.decided_by = CaseStatus.APPROVED, clock.now(), _actor_name(actor)
        fields += ["decided_at", "decided_by"]
    _save(case, *fields)
    from_window = case.window.code if case.window else ""
    if case.bundle is not None:
        for member in case.bundle.items.select_related("department").order_by("position", "code"):
            child = Case.objects.create(
                number=f"{case.number}-{member.code}",
                applicant=case.applicant,
                item=member,
                parent=case,
                department=member.department,
                channel=case.channel,
                window=case.window,
                clerk_username=case.clerk_username,
                status=CaseStatus.ACCEPTED,
                received_at=case.received_at,
                accepted_on=today,
                promised_days=case.promised_days,
                due_on=case.due_on,
            )
            _watch(child)
            Handover.objects.create(
                case=child,
                from_window=from_window,
                to_department=member.department,
                handed_at=clock.now(),
                handed_by=_actor_name(actor),
            )
            record_event(
                "case.accepted", child, actor=actor, data={"parent": case.number, "due_on": str(child.due_on)}
            )
    elif not immediate:
        _watch(case)
        Handover.objects.create(
            case=case,
            from_window=from_window,
            to_department=case.department,
            handed_at=clock.now(),
            handed_by=_actor_name(actor),
        )
    record_event(
        "case.accepted",
        case,
        actor=actor,
        data={"due_on": str(case.due_on), "tolerated": [m.code for m in tolerated], "immediate": immediate},
    )
    return case


# --- back office -------------------------------------------------------------------------------


@transaction.atomic
def pause_clock(
    number: str, *, version: int | None, kind: str, reason: str = "", actor: object | None
) -> Case:
    """计时暂停 for 补正 after acceptance or a special procedure (听证、检验检测、专家评审、现场勘验)."""
    case = _locked(number, version)
    if case.status != CaseStatus.ACCEPTED or case.bundle_id is not None:
        raise invalid_transition(case.status, "暂停计时")
    if case.paused:
        raise CaseError("ALREADY_PAUSED", "计时已暂停", field="status")
    if kind not in PauseKind.values:
        raise CaseError("INVALID_CHOICE", "暂停原因类型无效", field="kind")
    CasePause.objects.create(case=case, kind=kind, reason=reason, started_on=clock.today())
    escalation.pause_watches("Case", case.pk)
    case.paused = True
    _save(case, "paused")
    record_event("case.clock_paused", case, actor=actor, data={"kind": kind, "reason": reason})
    return case


@transaction.atomic
def resume_clock(number: str, *, version: int | None, actor: object | None) -> Case:
    """恢复计时: the paused days (from the pause to the day before today) do not count."""
    case = _locked(number, version)
    pause = case.pauses.filter(ended_on__isnull=True).first()
    if not case.paused or pause is None:
        raise CaseError("NOT_PAUSED", "计时未暂停", field="status")
    pause.ended_on = clock.today() - dt.timedelta(days=1)
    pause.save(update_fields=["ended_on"])
    case.paused = False
    _recompute_due(case)
    escalation.move_deadline("Case", case.pk, case.due_on, resume=True)
    _save(case, "paused", "due_on")
    record_event("case.clock_resumed", case, actor=actor, data={"due_on": str(case.due_on)})
    return case


@transaction.atomic
def request_extension(
    number: str, *, version: int | None, days: int, reason: str, actor: object | None
) -> Extension:
    case = _locked(number, version)
    if case.status != CaseStatus.ACCEPTED:
        raise invalid_transition(case.status, "申请延期")
    if not 1 <= days <= 60:
        raise CaseError("INVALID_DAYS", "延期天数须在 1 到 60 个工作日之间", field="days")
    if not reason.strip():
        raise CaseError("REQUIRED", "请说明延期理由", field="reason")
    if case.extensions.filter(status=ExtensionStatus.REQUESTED).exists():
        raise CaseError("EXTENSION_PENDING", "已有待批准的延期申请", field="days")
    extension = Extension.objects.create(
        case=case, days=days, reason=reason.strip(), requested_by=_actor_name(actor), requested_at=clock.now()
    )
    _save(case)
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
    case = _locked(extension.case.number, None)
    extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED
    extension.decided_by, extension.decided_at = _actor_name(actor), clock.now()
    extension.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        case.extension_days += extension.days
        _recompute_due(case)
        escalation.move_deadline("Case", case.pk, case.due_on)
        _save(case, "extension_days", "due_on")
    record_event(
        "case.extension_decided",
        case,
        actor=actor,
        data={"approved": approve, "days": extension.days, "due_on": str(case.due_on)},
    )
    return extension


def _approver_of(case: Case, actor: Any, roles: Iterable[str]) -> None:
    """Only an approver posted to the case's department decides it."""
    username = _actor_name(actor)
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
    case = _locked(number, version)
    if case.status != CaseStatus.ACCEPTED or case.bundle_id is not None:
        raise invalid_transition(case.status, "审批")
    if case.paused:
        raise CaseError("CLOCK_PAUSED", "计时暂停中（补正或特别程序），恢复后再审批", field="status")
    _approver_of(case, actor, roles)
    if not approve and not reason.strip():
        raise CaseError("REQUIRED", "不予许可须说明理由", field="reason")
    case.status = CaseStatus.APPROVED if approve else CaseStatus.DENIED
    case.decided_at, case.decided_by, case.decision_reason = clock.now(), _actor_name(actor), reason.strip()
    _save(case, "status", "decided_at", "decided_by", "decision_reason")
    escalation.resolve_watches("Case", case.pk)
    record_event("case.decided", case, actor=actor, data={"approved": approve, "reason": reason.strip()})
    if case.parent_id is not None:
        parent = Case.objects.select_for_update().get(pk=case.parent_id)
        siblings = list(parent.children.values_list("status", flat=True))
        if all(s in (CaseStatus.APPROVED, CaseStatus.DENIED) for s in siblings):
            parent.status = (
                CaseStatus.APPROVED if all(s == CaseStatus.APPROVED for s in siblings) else CaseStatus.DENIED
            )
            parent.decided_at, parent.decided_by = clock.now(), "bundle"
            _save(parent, "status", "decided_at", "decided_by")
            record_event(
                "case.decided",
                parent,
                actor=actor,
                data={"approved": parent.status == CaseStatus.APPROVED, "bundle": True},
            )
    return case


# --- unified issuance --------------------------------------------------------------------------


def _record_bypass(case: Case, window: Window, actor: object | None) -> None:
    # Committed on its own: the refused issuance changes nothing, but the attempt is on record
    # (the scoring issue turns it into a deduction, 000 附件3 第6项).
    with transaction.atomic():
        record_event(
            "issuance.bypassed",
            case,
            actor=actor,
            data={"window": window.code, "window_kind": window.kind, "department": case.department.code},
        )


def issue_result(
    number: str,
    *,
    version: int | None,
    window: str,
    delivery: str,
    tracking_number: str = "",
    actor: object | None,
) -> Case:
    """统一窗口出件 at the 综合出件 window only; express delivery sends the applicant an SMS."""
    with transaction.atomic():
        case = _locked(number, version)
        if case.parent_id is not None:
            raise CaseError("ISSUE_THROUGH_BUNDLE", "一件事的结果随主件统一出件", field="number")
        if case.status not in (CaseStatus.APPROVED, CaseStatus.DENIED):
            raise invalid_transition(case.status, "出件")
        the_window = Window.objects.live().filter(code=window).first()
        if the_window is None:
            raise NotFound(f"窗口 {window}", field="window")
        bypass = the_window.kind != WindowKind.ISSUANCE
        if not bypass:
            if delivery not in Delivery.values:
                raise CaseError("INVALID_CHOICE", "送达方式无效", field="delivery")
            if delivery == Delivery.EXPRESS and not tracking_number.strip():
                raise CaseError("REQUIRED", "政务快递须填写运单号", field="trackingNumber")
            now = clock.now()
            Issuance.objects.create(
                case=case,
                window=the_window,
                delivery=delivery,
                tracking_number=tracking_number.strip(),
                issued_at=now,
                issued_by=_actor_name(actor),
                delivered_at=None if delivery == Delivery.EXPRESS else now,
            )
            case.status, case.issued_at = CaseStatus.ISSUED, now
            _save(case, "status", "issued_at")
            if delivery == Delivery.EXPRESS and case.applicant.phone:
                enqueue_notification(
                    "console",
                    case.applicant.phone,
                    f"您的办件 {case.number} 办理结果已通过政务快递寄出，运单号 {tracking_number.strip()}。",
                    subject="出件通知",
                )
            record_event("case.issued", case, actor=actor, data={"window": window, "delivery": delivery})
            return case
    _record_bypass(case, the_window, actor)
    raise CaseError("ISSUANCE_BYPASS", "办理结果须由综合出件窗口统一出件；本次尝试已记录", field="window")


@transaction.atomic
def confirm_delivery(number: str, *, actor: object | None) -> Case:
    """出件登记: the express parcel reached the applicant."""
    case = _locked(number, None)
    issuance = getattr(case, "issuance", None)
    if issuance is None or issuance.delivered_at is not None:
        raise CaseError("NOTHING_TO_CONFIRM", "没有待确认送达的出件", field="number")
    issuance.delivered_at = clock.now()
    issuance.save(update_fields=["delivered_at"])
    record_event("case.delivered", case, actor=actor, data={"delivery": issuance.delivery})
    return case


# --- 好差评 ------------------------------------------------------------------------------------


def _check_rating(level: int, channel: str) -> None:
    if not 1 <= level <= 5:
        raise CaseError("INVALID_LEVEL", "评价等级为 1 到 5", field="level")
    if channel not in ReviewChannel.values:
        raise CaseError("INVALID_CHOICE", "评价渠道无效", field="channel")


@transaction.atomic
def submit_review(
    number: str, *, level: int, channel: str, tags: Iterable[str] = (), text: str = "", actor: object | None
) -> Review:
    """一事一评. A 差评 (levels 1–2) emits ``review.bad`` for the rectification work order."""
    case = _locked(number, None)
    if case.parent_id is not None:
        raise CaseError("REVIEW_THROUGH_BUNDLE", "一件事请对主件评价", field="number")
    if case.status in (CaseStatus.RECEIVED,):
        raise CaseError("TOO_EARLY", "收件完成后才能评价", field="number")
    if Review.objects.filter(case=case).exists():
        raise CaseError("ALREADY_REVIEWED", "此办件已评价，每件只能评价一次", field="number")
    _check_rating(level, channel)
    review = Review.objects.create(
        case=case,
        window=case.window,
        level=level,
        channel=channel,
        tags=list(tags),
        text=text.strip(),
        created_at=clock.now(),
    )
    # The reviewer's identity is not passed onward (GB/T 39734): the event names the case only.
    record_event("review.submitted", case, actor="applicant", data={"level": level, "channel": channel})
    if review.is_bad:
        from onewindow.tenants.workorders.services import open_for_bad_review  # one-way: orders know reviews

        open_for_bad_review(review)
        record_event(
            "review.bad",
            case,
            actor="applicant",
            data={
                "level": level,
                "window": case.window.code if case.window else None,
                "department": case.department.code,
            },
        )
    return review


@transaction.atomic
def submit_visit_review(
    visit_ref: str,
    *,
    window: str | None,
    level: int,
    channel: str,
    tags: Iterable[str] = (),
    text: str = "",
    actor: object | None,
) -> Review:
    """现场"一次一评" for a walk-in consultation with no case (the window's 评价器)."""
    if not visit_ref.strip():
        raise CaseError("REQUIRED", "请给出本次服务的编号（如叫号票号）", field="visitRef")
    if Review.objects.filter(visit_ref=visit_ref.strip()).exists():
        raise CaseError("ALREADY_REVIEWED", "本次服务已评价", field="visitRef")
    _check_rating(level, channel)
    the_window = Window.objects.live().filter(code=window).first() if window else None
    if window and the_window is None:
        raise NotFound(f"窗口 {window}", field="window")
    review = Review.objects.create(
        visit_ref=visit_ref.strip(),
        window=the_window,
        level=level,
        channel=channel,
        tags=list(tags),
        text=text.strip(),
        created_at=clock.now(),
    )
    record_event("review.submitted", review, actor=actor, data={"level": level, "visit": True})
    if review.is_bad:
        from onewindow.tenants.workorders.services import open_for_bad_review

        open_for_bad_review(review)
        record_event("review.bad", review, actor=actor, data={"level": level, "window": window})
    return review


def apply_default_reviews(today: dt.date | None = None) -> int:
    """The county's default rating for issued cases left unrated N working days (if turned on).
    Each case is rated at most once (one review per case, enforced by the database)."""
    from onewindow.tenants.cases.models import ReviewSettings

    settings = ReviewSettings.objects.first()
    if settings is None or not settings.default_rating_after_days:
        return 0
    today = today or clock.today()
    calendar = WorkingCalendar.for_active_county()
    rated = 0
    for case in Case.objects.filter(
        status=CaseStatus.ISSUED, parent__isnull=True, review__isnull=True
    ).iterator():
        issued_on = case.issued_at.astimezone(clock.COUNTY_TZ).date()  # type: ignore[union-attr]
        if calendar.add_working_days(issued_on, settings.default_rating_after_days) > today:
            continue
        with transaction.atomic():
            Review.objects.create(
                case=case,
                window=case.window,
                level=settings.default_level,
                channel=ReviewChannel.WEB,
                is_default=True,
                created_at=clock.now(),
            )
            record_event(
                "review.defaulted",
                case,
                actor="system",
                data={"level": settings.default_level, "after_days": settings.default_rating_after_days},
            )
        rated += 1
    return rated
