"""The 办不成事 closed loop (温岭 002 四; 通许 004 第二十条). Each step one transaction and one
audit event; the chains watching ``fallback`` subjects follow the tier's deadline."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.db import connection, transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, NotFound
from onewindow.platform.core.tenancy import db
from onewindow.platform.core.versioning import lock_for_edit, save_edit
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.cases.selectors import units_of_case
from onewindow.tenants.catalog.selectors import department_of_item
from onewindow.tenants.escalation import services as escalation
from onewindow.tenants.escalation.models import SubjectKind
from onewindow.tenants.events import SubjectRef, emit
from onewindow.tenants.fallback.events import (
    COMPLAINT_SUBSTANTIATED,
    REPEAT_VISITS_REPORTED,
    ComplaintSubstantiated,
    RepeatVisitsReported,
)
from onewindow.tenants.fallback.models import (
    TIER_ORDER,
    Assignment,
    FallbackCase,
    FallbackChannel,
    FallbackSettings,
    FallbackStatus,
)
from onewindow.tenants.fallback.policy import DEFAULT_TIERS
from onewindow.tenants.hall.models import Department, Window
from onewindow.tenants.hotline import services as hotline
from onewindow.tenants.hotline.selectors import order_by_number
from onewindow.tenants.workcalendar.calendar import WorkingCalendar


def _name(actor: object | None) -> str:
    return actor if isinstance(actor, str) else str(getattr(actor, "username", "system"))


def _tiers() -> dict[str, dict[str, object]]:
    settings = FallbackSettings.objects.first()
    tiers = settings.tiers if settings else [t.model_dump() for t in DEFAULT_TIERS]
    return {str(t["tier"]): t for t in tiers}


def _locked(number: str, version: int | None) -> FallbackCase:
    return lock_for_edit(FallbackCase, what=f"办不成事 {number}", version=version, number=number)


def _save(case: FallbackCase, *fields: str) -> None:
    save_edit(case, *fields)


def _note(case: FallbackCase, line: str) -> None:
    stamp = clock.now().astimezone(clock.COUNTY_TZ)
    case.process = (case.process + "\n" if case.process else "") + f"{stamp:%Y-%m-%d %H:%M} {line}"


@transaction.atomic
def register_fallback(
    *,
    channel: str,
    summary: str,
    applicant_name: str,
    applicant_phone: str = "",
    departments: Iterable[str] = (),
    window: str | None = None,
    hotline_ref: str = "",
    hotline_order: str | None = None,
    actor: object | None,
) -> FallbackCase:
    """受理登记 from the fallback window, any window, or a 12345 work order. ``hotline_order``
    names an order received through the inbound API: the case links to it (its 12345 number
    becomes ``hotline_ref``; summary and applicant default to the order's), and the order's
    timeline records the case."""
    order = None
    if hotline_order:
        order = order_by_number(hotline_order)
        if order is None:
            raise NotFound(f"12345 工单 {hotline_order}", field="hotline_order")
        channel, hotline_ref = FallbackChannel.HOTLINE, order.hotline_number
        summary = summary if summary.strip() else f"{order.title}：{order.content}"
        applicant_name = applicant_name if applicant_name.strip() else order.applicant_name or "12345 来电人"
        applicant_phone = applicant_phone or order.applicant_phone
    if channel not in FallbackChannel.values:
        raise BusinessError("INVALID_CHOICE", "渠道无效", field="channel")
    if not summary.strip() or not applicant_name.strip():
        raise BusinessError(
            "REQUIRED", "请填写基本情况和反映人", field="summary" if not summary.strip() else "applicantName"
        )
    if channel == FallbackChannel.HOTLINE and not hotline_ref.strip():
        raise BusinessError("REQUIRED", "12345 转来的须填工单号", field="hotline_ref")
    the_window = Window.objects.live().filter(code=window).first() if window else None
    if window and the_window is None:
        raise NotFound(f"窗口 {window}", field="window")
    depts = list(Department.objects.live().filter(code__in=list(departments)))
    if len(depts) != len(set(departments)):
        raise NotFound("涉及部门", field="departments")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM fallback_fallbackcase")
        (count,) = cursor.fetchone()
    county = getattr(db, "tenant", None)
    case = FallbackCase.objects.create(
        number=f"BCS{getattr(county, 'code', '')}{clock.today():%Y}{count + 1:05d}",
        registered_at=clock.now(),
        channel=channel,
        window=the_window,
        hotline_ref=hotline_ref.strip(),
        hotline_order=order,
        summary=summary.strip(),
        applicant_name=applicant_name.strip(),
        applicant_phone=applicant_phone.strip(),
    )
    case.departments.set(depts)
    via = f"，12345 工单 {order.number}" if order is not None else ""
    _note(case, f"{_name(actor)} 受理登记（{case.get_channel_display()}{via}）")
    case.save(update_fields=["process"])
    record_event(
        "fallback.registered",
        case,
        actor=actor,
        data={
            "channel": channel,
            "departments": [d.code for d in depts],
            "hotline_order": order.number if order is not None else None,
        },
    )
    if order is not None:
        hotline.note_fallback(order, case.number, actor=actor)
    return case


def _start_tier(case: FallbackCase, tier: str) -> None:
    config = _tiers().get(tier)
    if config is None:
        raise BusinessError("UNKNOWN_TIER", f"本县没有配置层级 {tier}", field="tier")
    today = clock.today()
    case.tier, case.owner = tier, str(config["owner"])
    case.deadline_on = WorkingCalendar.for_active_county().add_working_days(today, int(config["days"]))  # type: ignore[call-overload]
    case.status = FallbackStatus.IN_HAND
    escalation.resolve_watches("FallbackCase", case.pk)  # a new tier starts its own chain run
    escalation.start_watches(
        SubjectKind.FALLBACK,
        "FallbackCase",
        case.pk,
        f"办不成事 {case.number}（{case.get_tier_display()}）",
        started_on=today,
        deadline_on=case.deadline_on,
    )


@transaction.atomic
def classify_fallback(number: str, *, version: int | None, tier: str, actor: object | None) -> FallbackCase:
    """分类处理: the tier decides who owns it and by when."""
    case = _locked(number, version)
    if case.status not in (FallbackStatus.REGISTERED, FallbackStatus.IN_HAND):
        raise BusinessError(
            "INVALID_TRANSITION", f"当前为“{case.get_status_display()}”，不能分类", field="status"
        )
    _start_tier(case, tier)
    _note(
        case, f"{_name(actor)} 分类为{case.get_tier_display()}，由{case.owner}牵头，{case.deadline_on} 前办结"
    )
    _save(case, "tier", "owner", "deadline_on", "status", "process")
    record_event(
        "fallback.classified", case, actor=actor, data={"tier": tier, "deadline_on": str(case.deadline_on)}
    )
    return case


@transaction.atomic
def assign(
    number: str,
    *,
    version: int | None,
    department: str,
    due_on: dt.date,
    responsible: str,
    matter: str,
    leader: str,
    actor: object | None,
) -> Assignment:
    """交办单 to a department, signed off by the leader in charge."""
    case = _locked(number, version)
    if case.status != FallbackStatus.IN_HAND:
        raise BusinessError("INVALID_TRANSITION", "分类后才能交办", field="status")
    dept = Department.objects.live().filter(code=department).first()
    if dept is None:
        raise NotFound(f"部门 {department}", field="department")
    if not (responsible.strip() and matter.strip() and leader.strip()):
        raise BusinessError("REQUIRED", "交办单须写明责任人、交办事项和主管领导", field="matter")
    if due_on < clock.today():
        raise BusinessError("INVALID_VALUE", "完成时限不能早于今天", field="due_on")
    assignment = Assignment.objects.create(
        case=case,
        number=f"{case.number}-J{case.assignments.count() + 1}",
        assigned_at=clock.now(),
        department=dept,
        due_on=due_on,
        responsible=responsible.strip(),
        matter=matter.strip(),
        leader=leader.strip(),
    )
    _note(case, f"交办 {dept.name}（{assignment.number}），{due_on} 前完成")
    _save(case, "process")
    record_event(
        "fallback.assigned",
        case,
        actor=actor,
        data={"assignment": assignment.number, "department": department},
    )
    return assignment


@transaction.atomic
def report_assignment(assignment_number: str, *, completion: str, actor: object | None) -> Assignment:
    assignment = (
        Assignment.objects.select_for_update().select_related("case").filter(number=assignment_number).first()
    )
    if assignment is None:
        raise NotFound(f"交办单 {assignment_number}", field="number")
    if not completion.strip():
        raise BusinessError("REQUIRED", "请填写完成情况", field="completion")
    assignment.completion, assignment.completed_at = completion.strip(), clock.now()
    assignment.save(update_fields=["completion", "completed_at"])
    record_event(
        "fallback.assignment_reported", assignment.case, actor=actor, data={"assignment": assignment.number}
    )
    return assignment


@transaction.atomic
def resolve_fallback(number: str, *, version: int | None, result: str, actor: object | None) -> FallbackCase:
    """处理结果 recorded; the applicant is asked whether they are satisfied."""
    case = _locked(number, version)
    if case.status != FallbackStatus.IN_HAND:
        raise BusinessError("INVALID_TRANSITION", "办理中的事项才能登记处理结果", field="status")
    if not result.strip():
        raise BusinessError("REQUIRED", "请填写处理结果", field="result")
    case.result, case.status, case.satisfied = result.strip(), FallbackStatus.RESOLVED, None
    _note(case, f"{_name(actor)} 登记处理结果，待申请人确认")
    _save(case, "result", "status", "satisfied", "process")
    record_event("fallback.resolved", case, actor=actor, data={})
    return case


@transaction.atomic
def record_applicant_opinion(
    number: str,
    *,
    version: int | None,
    satisfied: bool,
    feedback: str = "",
    next_tier: bool = False,
    actor: object | None,
) -> FallbackCase:
    """申请人意见: satisfied → 销号; dissatisfied → reopened, redone at the same tier or moved up."""
    case = _locked(number, version)
    if case.status != FallbackStatus.RESOLVED:
        raise BusinessError("INVALID_TRANSITION", "只能对已办理的事项反馈意见", field="status")
    case.satisfied = satisfied
    last = case.assignments.order_by("-assigned_at").first()
    if last is not None and feedback.strip():
        last.applicant_feedback = feedback.strip()
        last.save(update_fields=["applicant_feedback"])
    if satisfied:
        case.status, case.closed_at = FallbackStatus.CLOSED, clock.now()
        escalation.resolve_watches("FallbackCase", case.pk)
        _note(case, "申请人满意，销号")
        event = "fallback.closed"
    else:
        tier = case.tier
        if next_tier:
            index = TIER_ORDER.index(case.tier) if case.tier in TIER_ORDER else -1
            if index + 1 >= len(TIER_ORDER):
                raise BusinessError("NO_HIGHER_TIER", "已是最高层级", field="next_tier")
            tier = TIER_ORDER[index + 1]
        escalation.fire_event("FallbackCase", case.pk, "dissatisfied")  # on the run that just ended
        _start_tier(case, tier)
        _note(case, f"申请人不满意（{feedback.strip() or '未说明'}），重新办理：{case.get_tier_display()}")
        event = "fallback.reopened"
    _save(case, "satisfied", "status", "closed_at", "tier", "owner", "deadline_on", "process")
    record_event(event, case, actor=actor, data={"satisfied": satisfied, "tier": case.tier})
    return case


@transaction.atomic
def hand_up(case_id: int) -> bool:
    """An escalation level's ``handover`` (registered in ``fallback.subjects``): the case goes
    to the next tier's owner, if there is one."""
    case = FallbackCase.objects.select_for_update().filter(pk=case_id).first()
    if case is None or case.status != FallbackStatus.IN_HAND or case.tier not in TIER_ORDER:
        return False
    index = TIER_ORDER.index(case.tier)
    if index + 1 >= len(TIER_ORDER):
        return False
    previous = case.get_tier_display()
    _start_tier(case, TIER_ORDER[index + 1])
    _note(case, f"超期未办结，由督办链从{previous}提交{case.get_tier_display()}（{case.owner}）")
    _save(case, "tier", "owner", "deadline_on", "status", "process")
    record_event("fallback.handed_up", case, actor="system", data={"tier": case.tier})
    return True


@transaction.atomic
def close_fallback(number: str, *, actor: object | None) -> FallbackCase:
    """销号 — refused unless the applicant said they are satisfied (群众不满意的，不予销号)."""
    case = _locked(number, None)
    if case.status == FallbackStatus.CLOSED:
        return case
    if case.satisfied is not True:
        raise BusinessError("APPLICANT_NOT_SATISFIED", "申请人未表示满意，不予销号", field="number")
    case.status, case.closed_at = FallbackStatus.CLOSED, clock.now()
    escalation.resolve_watches("FallbackCase", case.pk)
    _save(case, "status", "closed_at")
    record_event("fallback.closed", case, actor=actor, data={})
    return case


_PII = re.compile(r"\d{17}[\dXx]|1[3-9]\d{9}|\d{15}")


@transaction.atomic
def publish_to_library(number: str, *, title: str, text: str, actor: object | None) -> FallbackCase:
    """案例汇总: a solved case written up for windows to learn from — no names, numbers or phones."""
    case = _locked(number, None)
    if case.status != FallbackStatus.CLOSED:
        raise BusinessError("INVALID_TRANSITION", "销号后才能作为案例发布", field="number")
    if not title.strip() or not text.strip():
        raise BusinessError("REQUIRED", "请填写案例标题和正文", field="text")
    clean = _PII.sub("＊＊＊", text.strip()).replace(case.applicant_name, "申请人")
    case.library_title, case.library_text, case.published_at = title.strip(), clean, clock.now()
    case.save(update_fields=["library_title", "library_text", "published_at"])
    record_event("fallback.published", case, actor=actor, data={"title": title.strip()})
    return case


@transaction.atomic
def report_repeat_visits(subject: str, *, visits: int, note: str, actor: object | None) -> None:
    """通许 004 第十六条 N(4): something doable in one visit took N. A scoring event, and — where
    the county configured it — a referral to the discipline commission (纪委监委)."""
    if visits < 2:
        raise BusinessError("INVALID_VALUE", "跑了两次及以上才需要上报", field="visits")
    if not note.strip():
        raise BusinessError("REQUIRED", "请说明情况", field="note")
    # a case number names its department, window and clerk; an item code only its department
    units = units_of_case(subject)
    emit(
        REPEAT_VISITS_REPORTED,
        "RepeatVisits",
        actor=actor,
        data=RepeatVisitsReported(
            subject=subject,
            visits=visits,
            note=note.strip(),
            department=next(iter(units.departments), None) or department_of_item(subject),
            window=next(iter(units.windows), None),
            staff=next(iter(units.staff), None),
        ),
    )
    settings = FallbackSettings.objects.first()
    if settings is not None and settings.discipline_referral:
        record_event(
            "discipline.referred", "RepeatVisits", actor=actor, data={"subject": subject, "visits": visits}
        )


@transaction.atomic
def substantiate_complaint(number: str, *, finding: str, actor: object | None) -> FallbackCase:
    """A complaint found true (000 附件3 第7项: −5 each): a scoring event on the departments named."""
    case = _locked(number, None)
    if not finding.strip():
        raise BusinessError("REQUIRED", "请写明核查结论", field="finding")
    _note(case, f"投诉经核查属实：{finding.strip()}")
    _save(case, "process")
    emit(
        COMPLAINT_SUBSTANTIATED,
        case,
        actor=actor,
        data=ComplaintSubstantiated(
            departments=list(case.departments.values_list("code", flat=True)),
            finding=finding.strip(),
            window=case.window.code if case.window else None,
            ref=SubjectRef(kind="fallback_case", id=str(case.pk)),
        ),
    )
    return case
