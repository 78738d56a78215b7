"""The life of a 12345 work order (有诉即办, 004 第二十条: 受理、转办、督办、反馈).

Received from the hotline platform through the inbound API (``views.inbound``) with an
idempotency key; then, one transaction and one audit event each: 改派 (dispatch to a unit),
签收 or 退单 with a reason, 办理, 答复, 回访 with the citizen's satisfaction — 不满意 reopens it
(重办), 满意 / 基本满意 closes it (办结). Every open step has its limit from the pack
(``hotline``) on the county calendar, and each step starts its own run of the chains watching
``hotline_order`` subjects (督办).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import Any

from django.db import transaction

from onewindow.platform.core import clock, identifiers
from onewindow.platform.core.errors import BusinessError, ErrorDetail, NotFound, ValidationErrors
from onewindow.platform.core.tenancy import advisory_lock
from onewindow.platform.core.versioning import lock_for_edit, save_edit
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.escalation import services as escalation
from onewindow.tenants.escalation.models import SubjectKind
from onewindow.tenants.hall.models import Department
from onewindow.tenants.hotline.models import (
    HotlineOrder,
    HotlineSettings,
    HotlineStatus,
    OrderKind,
    Satisfaction,
    Step,
)
from onewindow.tenants.hotline.policy import HotlineSettingsSpec
from onewindow.tenants.workcalendar.calendar import WorkingCalendar

REPLY_METHODS = ("电话", "短信", "当面", "书面")


class IdempotencyConflict(BusinessError):
    """The key was used before with another body: nothing is created (HTTP 409)."""


def _name(actor: object | None) -> str:
    return actor if isinstance(actor, str) else str(getattr(actor, "username", "") or "system")


def step_limits() -> HotlineSettingsSpec:
    row = HotlineSettings.objects.first()
    if row is None:
        return HotlineSettingsSpec()
    return HotlineSettingsSpec(
        sign_within_days=row.sign_within_days,
        handle_within_days=row.handle_within_days,
        reply_within_days=row.reply_within_days,
        visit_within_days=row.visit_within_days,
        redo_within_days=row.redo_within_days,
    )


def _start_step(order: HotlineOrder, step: str, days: int, *, due: dt.date | None = None) -> None:
    """The order now waits for ``step``: its deadline, and a fresh run of the chains."""
    today = clock.today()
    order.step = step
    order.step_due_on = due or WorkingCalendar.for_active_county().add_working_days(today, days)
    escalation.resolve_watches("HotlineOrder", order.pk)
    escalation.start_watches(
        SubjectKind.HOTLINE_ORDER,
        "HotlineOrder",
        order.pk,
        f"12345 工单 {order.number}（待{Step(step).label}）",
        started_on=today,
        deadline_on=order.step_due_on,
    )


def _locked(number: str, version: int | None) -> HotlineOrder:
    return lock_for_edit(HotlineOrder, what=f"12345 工单 {number}", version=version, number=number)


def _require(order: HotlineOrder, *statuses: str, action: str) -> None:
    if order.status not in statuses:
        raise BusinessError(
            "INVALID_TRANSITION", f"工单当前为“{order.get_status_display()}”，不能{action}", field="status"
        )


def _text(value: Any, field: str, limit: int, problems: list[ErrorDetail], *, required: bool = True) -> str:
    if value is None or value == "":
        if required:
            problems.append(ErrorDetail("REQUIRED", f"缺少 {field}", field))
        return ""
    if not isinstance(value, str):
        problems.append(ErrorDetail("INVALID_VALUE", f"{field} 须为字符串", field))
        return ""
    value = value.strip()
    if required and not value:
        problems.append(ErrorDetail("REQUIRED", f"缺少 {field}", field))
    if len(value) > limit:
        problems.append(ErrorDetail("STRING_TOO_LONG", f"{field} 不能超过 {limit} 个字符", field))
    return value


def body_hash(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@transaction.atomic
def receive_order(body: Any, *, idempotency_key: str, actor: object | None) -> tuple[HotlineOrder, bool]:
    """受理: an order the 12345 platform dispatched to the county. Returns the order and whether
    it was a replay (the same key and body again: the order it created, nothing new).

    The body's field names are the error fields (``applicant.phone``); see docs/hotline-api.md."""
    key = (idempotency_key or "").strip()
    if not key or len(key) > 100:
        raise BusinessError("IDEMPOTENCY_KEY_REQUIRED", "须带 Idempotency-Key 请求头（1–100 个字符）")
    if not isinstance(body, dict):
        raise BusinessError("INVALID_BODY", "请求体须为 JSON 对象")
    advisory_lock("hotline-key", key)  # two deliveries of one key take turns
    digest = body_hash(body)
    earlier = HotlineOrder.objects.filter(idempotency_key=key).first()
    if earlier is not None:
        if earlier.request_hash != digest:
            raise IdempotencyConflict(
                "IDEMPOTENCY_KEY_REUSED", "此 Idempotency-Key 已用于另一份工单", field="Idempotency-Key"
            )
        return earlier, True
    problems: list[ErrorDetail] = []
    unknown = sorted(set(body) - {"hotlineNumber", "kind", "title", "content", "applicant", "dispatchedAt",
                                  "department", "dueOn"})  # fmt: skip
    for name in unknown:
        problems.append(ErrorDetail("UNKNOWN_FIELD", f"未知字段 {name}", name))
    hotline_number = _text(body.get("hotlineNumber"), "hotlineNumber", 64, problems)
    kind = body.get("kind")
    if kind not in OrderKind.values:
        problems.append(ErrorDetail("INVALID_CHOICE", f"kind 须为 {'/'.join(OrderKind.values)}", "kind"))
    title = _text(body.get("title"), "title", 200, problems)
    content = _text(body.get("content"), "content", 5000, problems)
    applicant = body.get("applicant") or {}
    if not isinstance(applicant, dict):
        problems.append(ErrorDetail("INVALID_VALUE", "applicant 须为对象", "applicant"))
        applicant = {}
    name = _text(applicant.get("name"), "applicant.name", 100, problems, required=False)
    phone = _text(applicant.get("phone"), "applicant.phone", 20, problems, required=False)
    if phone:
        try:
            phone = identifiers.phone(phone, field="applicant.phone")
        except BusinessError as error:
            problems.extend(error.details)
    dispatched_at: dt.datetime | None = None
    raw_at = body.get("dispatchedAt")
    try:
        dispatched_at = dt.datetime.fromisoformat(str(raw_at)) if raw_at else None
        if dispatched_at is not None and dispatched_at.tzinfo is None:
            dispatched_at = dispatched_at.replace(tzinfo=clock.COUNTY_TZ)
    except ValueError:
        problems.append(ErrorDetail("INVALID_VALUE", "dispatchedAt 须为 ISO 8601 时间", "dispatchedAt"))
    if raw_at is None:
        problems.append(ErrorDetail("REQUIRED", "缺少 dispatchedAt", "dispatchedAt"))
    due_on: dt.date | None = None
    if body.get("dueOn"):
        try:
            due_on = dt.date.fromisoformat(str(body["dueOn"]))
        except ValueError:
            problems.append(ErrorDetail("INVALID_VALUE", "dueOn 须为日期（YYYY-MM-DD）", "dueOn"))
    department = None
    if body.get("department"):
        department = Department.objects.live().filter(code=str(body["department"])).first()
        if department is None:
            problems.append(ErrorDetail("NOT_FOUND", f"承办部门 {body['department']} 不存在", "department"))
    if problems:
        raise ValidationErrors(problems)
    advisory_lock("hotline-number", hotline_number)  # one hotline order under two keys at once
    if HotlineOrder.objects.filter(hotline_number=hotline_number).exists():
        raise IdempotencyConflict(
            "DUPLICATE_HOTLINE_NUMBER", f"12345 工单 {hotline_number} 已接收（另一 Idempotency-Key）",
            field="hotlineNumber",
        )  # fmt: skip
    assert dispatched_at is not None
    order = HotlineOrder.objects.create(
        number=f"pending-{uuid.uuid4().hex[:24]}",  # numbered from its id below
        hotline_number=hotline_number,
        idempotency_key=key,
        request_hash=digest,
        kind=str(kind),
        title=title,
        content=content,
        applicant_name=name,
        applicant_phone=phone,
        dispatched_at=dispatched_at,
        received_at=clock.now(),
        received_by=_name(actor),
        department=department,
        platform_due_on=due_on,
    )
    order.number = f"RX{clock.today():%Y%m%d}{order.pk:05d}"
    _start_step(order, Step.SIGN, step_limits().sign_within_days)
    order.save(update_fields=["number", "step", "step_due_on"])
    record_event(
        "hotline.received",
        order,
        actor=actor,
        data={
            "hotline_number": hotline_number,
            "kind": order.kind,
            "department": department.code if department else None,
            "step_due_on": str(order.step_due_on),
        },
    )
    return order, False


@transaction.atomic
def dispatch_order(
    number: str, *, version: int | None, department: str, actor: object | None
) -> HotlineOrder:
    """转办 / 改派: the centre hands the order to a unit (after a 退单, or to correct the unit)."""
    order = _locked(number, version)
    _require(order, HotlineStatus.RECEIVED, HotlineStatus.RETURNED, action="改派")
    dept = Department.objects.live().filter(code=department).first()
    if dept is None:
        raise NotFound(f"部门 {department}", field="department")
    order.department, order.status, order.return_reason = dept, HotlineStatus.RECEIVED, ""
    _start_step(order, Step.SIGN, step_limits().sign_within_days)
    save_edit(order, "department", "status", "return_reason", "step", "step_due_on")
    record_event(
        "hotline.dispatched",
        order,
        actor=actor,
        data={"department": dept.code, "step_due_on": str(order.step_due_on)},
    )
    return order


@transaction.atomic
def sign_order(number: str, *, version: int | None, actor: object | None) -> HotlineOrder:
    """签收: the unit takes the order; the 办理 limit starts (the hotline's own date wins)."""
    order = _locked(number, version)
    _require(order, HotlineStatus.RECEIVED, action="签收")
    order.status, order.signed_at, order.signed_by = HotlineStatus.IN_HAND, clock.now(), _name(actor)
    _start_step(order, Step.HANDLE, step_limits().handle_within_days, due=order.platform_due_on)
    save_edit(order, "status", "signed_at", "signed_by", "step", "step_due_on")
    record_event("hotline.signed", order, actor=actor, data={"step_due_on": str(order.step_due_on)})
    return order


@transaction.atomic
def return_order(number: str, *, version: int | None, reason: str, actor: object | None) -> HotlineOrder:
    """退单 with a reason (not ours to handle): back to the centre, who must 改派 in time."""
    order = _locked(number, version)
    _require(order, HotlineStatus.RECEIVED, action="退单")
    if not reason.strip():
        raise BusinessError("REQUIRED", "退单须写明理由", field="reason")
    order.status, order.return_reason = HotlineStatus.RETURNED, reason.strip()
    department = order.department.code if order.department else None
    _start_step(order, Step.DISPATCH, step_limits().sign_within_days)
    save_edit(order, "status", "return_reason", "step", "step_due_on")
    record_event(
        "hotline.returned", order, actor=actor, data={"reason": order.return_reason, "department": department}
    )
    return order


@transaction.atomic
def record_handling(number: str, *, version: int | None, handling: str, actor: object | None) -> HotlineOrder:
    """办理: what the unit did; the citizen is to be answered next."""
    order = _locked(number, version)
    _require(order, HotlineStatus.IN_HAND, action="登记办理情况")
    if not handling.strip():
        raise BusinessError("REQUIRED", "请填写办理情况", field="handling")
    late = order.step_due_on is not None and clock.today() > order.step_due_on
    order.status, order.handled_at, order.handling = HotlineStatus.HANDLED, clock.now(), handling.strip()
    _start_step(order, Step.REPLY, step_limits().reply_within_days)
    save_edit(order, "status", "handled_at", "handling", "step", "step_due_on")
    record_event("hotline.handled", order, actor=actor, data={"late": late})
    return order


@transaction.atomic
def reply_order(
    number: str, *, version: int | None, reply: str, method: str, actor: object | None
) -> HotlineOrder:
    """答复: the citizen told the result; the 回访 is due next."""
    order = _locked(number, version)
    _require(order, HotlineStatus.HANDLED, action="答复")
    if not reply.strip():
        raise BusinessError("REQUIRED", "请填写答复内容", field="reply")
    if method not in REPLY_METHODS:
        raise BusinessError("INVALID_CHOICE", f"答复方式为 {'、'.join(REPLY_METHODS)}", field="method")
    order.status, order.replied_at, order.reply, order.reply_method = (
        HotlineStatus.REPLIED,
        clock.now(),
        reply.strip(),
        method,
    )
    _start_step(order, Step.VISIT, step_limits().visit_within_days)
    save_edit(order, "status", "replied_at", "reply", "reply_method", "step", "step_due_on")
    record_event("hotline.replied", order, actor=actor, data={"method": method})
    return order


@transaction.atomic
def record_visit(
    number: str, *, version: int | None, satisfaction: str, note: str = "", actor: object | None
) -> HotlineOrder:
    """回访: 满意 or 基本满意 closes the order (办结); 不满意 reopens it for 重办."""
    order = _locked(number, version)
    _require(order, HotlineStatus.REPLIED, action="回访")
    if satisfaction not in Satisfaction.values:
        raise BusinessError("INVALID_CHOICE", "满意度为 满意 / 基本满意 / 不满意", field="satisfaction")
    order.visited_at, order.satisfaction, order.visit_note = clock.now(), satisfaction, note.strip()
    if satisfaction == Satisfaction.UNSATISFIED:
        escalation.fire_event("HotlineOrder", order.pk, "dissatisfied")  # on the run that just ended
        order.status, order.reopened = HotlineStatus.IN_HAND, order.reopened + 1
        _start_step(order, Step.HANDLE, step_limits().redo_within_days)
        event = "hotline.reopened"
    else:
        order.status, order.closed_at, order.step, order.step_due_on = (
            HotlineStatus.CLOSED,
            clock.now(),
            "",
            None,
        )
        escalation.resolve_watches("HotlineOrder", order.pk)
        event = "hotline.closed"
    save_edit(
        order,
        "visited_at",
        "satisfaction",
        "visit_note",
        "status",
        "reopened",
        "closed_at",
        "step",
        "step_due_on",
    )
    record_event(
        event,
        order,
        actor=actor,
        data={
            "satisfaction": satisfaction,
            "note": order.visit_note,
            "step_due_on": str(order.step_due_on or ""),
        },
    )
    return order


def note_fallback(order: HotlineOrder, fallback_number: str, *, actor: object | None) -> None:
    """A 办不成事 case was registered from this order (called in ``register_fallback``'s
    transaction): the order's timeline says so."""
    record_event("hotline.fallback_registered", order, actor=actor, data={"fallback": fallback_number})


__all__ = [
    "REPLY_METHODS",
    "IdempotencyConflict",
    "body_hash",
    "dispatch_order",
    "note_fallback",
    "receive_order",
    "record_handling",
    "record_visit",
    "reply_order",
    "return_order",
    "sign_order",
    "step_limits",
]
