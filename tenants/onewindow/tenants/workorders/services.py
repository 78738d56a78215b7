"""The life of a 差评 work order. Each step one transaction, one audit event; deadlines on the
county calendar; the escalation chains watching ``bad_review`` subjects follow its deadlines.

A 差评 reaches this domain as the ``review.bad`` event (subscribed in ``apps.py``)."""

from __future__ import annotations

from django.db import transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, NotFound
from onewindow.platform.core.versioning import lock_for_edit, save_edit
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.escalation import services as escalation
from onewindow.tenants.escalation.models import SubjectKind
from onewindow.tenants.reviews.events import BadReview
from onewindow.tenants.reviews.models import Review
from onewindow.tenants.reviews.selectors import get_review, responsible_department, review_settings
from onewindow.tenants.workcalendar.calendar import WorkingCalendar
from onewindow.tenants.workorders.models import Classification, OrderStatus, WorkOrder


def _locked(number: str, version: int | None) -> WorkOrder:
    return lock_for_edit(WorkOrder, what=f"工单 {number}", version=version, number=number)


def _save(order: WorkOrder, *fields: str) -> None:
    save_edit(order, *fields)


def _require(order: WorkOrder, *statuses: str, action: str) -> None:
    if order.status not in statuses:
        raise BusinessError(
            "INVALID_TRANSITION", f"工单当前为“{order.get_status_display()}”，不能{action}", field="status"
        )


def open_for_bad_review(review: Review) -> WorkOrder:
    """A 差评 becomes a work order to the responsible unit (call inside the review's transaction)."""
    department = responsible_department(review)
    today = clock.today()
    order = WorkOrder.objects.create(
        number=f"GD{today:%Y%m%d}{review.pk:06d}",
        review=review,
        department=department,
        opened_on=today,
        callback_due_on=WorkingCalendar.for_active_county().add_working_days(
            today, review_settings().callback_days
        ),
    )
    escalation.start_watches(
        SubjectKind.BAD_REVIEW,
        "WorkOrder",
        order.pk,
        f"差评工单 {order.number}",
        started_on=today,
        deadline_on=order.callback_due_on,
    )
    record_event(
        "work_order.opened",
        order,
        actor="system",
        data={
            "review": review.pk,
            "level": review.level,
            "department": department.code if department else None,
        },
    )
    return order


def on_bad_review(data: BadReview, _row: object) -> None:
    """``review.bad`` subscriber: runs in the review's transaction."""
    assert data.ref is not None  # a 差评 always names its review
    open_for_bad_review(get_review(int(data.ref.id)))


@transaction.atomic
def record_callback(
    number: str, *, version: int | None, note: str, verified: bool, actor: object | None
) -> WorkOrder:
    """回访核实: the unit called the reviewer back and checked what happened."""
    order = _locked(number, version)
    _require(order, OrderStatus.OPEN, action="登记回访")
    if not note.strip():
        raise BusinessError("REQUIRED", "请记录回访情况", field="note")
    order.status, order.called_back_at, order.callback_note, order.verified = (
        OrderStatus.CALLED_BACK,
        clock.now(),
        note.strip(),
        verified,
    )
    _save(order, "status", "called_back_at", "callback_note", "verified")
    escalation.move_deadline("WorkOrder", order.pk, None)  # no deadline until classified
    record_event("work_order.called_back", order, actor=actor, data={"verified": verified})
    return order


@transaction.atomic
def classify_order(
    number: str,
    *,
    version: int | None,
    classification: str,
    explanation: str = "",
    rectification_due_on: object = None,
    actor: object | None,
) -> WorkOrder:
    """分类处理: fix at once, explain with a deadline, no legal basis (explain), or appeal."""
    order = _locked(number, version)
    _require(order, OrderStatus.CALLED_BACK, action="分类")
    if classification not in Classification.values:
        raise BusinessError("INVALID_CHOICE", "分类无效", field="classification")
    if classification != Classification.FIX_NOW and not explanation.strip():
        raise BusinessError("REQUIRED", "请写明解释说明或申诉理由", field="explanation")
    today = clock.today()
    order.classification, order.explanation = classification, explanation.strip()
    if classification in (Classification.FIX_NOW, Classification.EXPLAIN):
        if classification == Classification.FIX_NOW:
            due = today
        elif rectification_due_on is not None:
            due = rectification_due_on  # type: ignore[assignment]
        else:
            due = WorkingCalendar.for_active_county().add_working_days(
                today, review_settings().rectification_days
            )
        order.status, order.rectification_due_on = OrderStatus.RECTIFYING, due
        escalation.move_deadline("WorkOrder", order.pk, due)
    elif classification == Classification.NO_LEGAL_BASIS:
        order.status, order.archived_at = OrderStatus.ARCHIVED, clock.now()
        escalation.resolve_watches("WorkOrder", order.pk)
    else:
        order.status = OrderStatus.APPEALED
        escalation.resolve_watches("WorkOrder", order.pk)
    _save(order, "classification", "explanation", "status", "rectification_due_on", "archived_at")
    record_event(
        "work_order.classified",
        order,
        actor=actor,
        data={"classification": classification, "due": str(order.rectification_due_on or "")},
    )
    return order


@transaction.atomic
def report_rectification(number: str, *, version: int | None, report: str, actor: object | None) -> WorkOrder:
    order = _locked(number, version)
    _require(order, OrderStatus.RECTIFYING, action="报告整改")
    if not report.strip():
        raise BusinessError("REQUIRED", "请报告整改情况", field="report")
    order.status, order.rectified_at, order.rectification_report = (
        OrderStatus.RECTIFIED,
        clock.now(),
        report.strip(),
    )
    _save(order, "status", "rectified_at", "rectification_report")
    escalation.resolve_watches("WorkOrder", order.pk)
    due = order.rectification_due_on
    record_event(
        "work_order.rectified", order, actor=actor, data={"late": due is not None and clock.today() > due}
    )
    return order


@transaction.atomic
def follow_up_rating(order_id: int, *, level: int) -> WorkOrder:
    """The reviewer's one follow-up rating after rectification; the order is then archived."""
    order = WorkOrder.objects.select_for_update().filter(pk=order_id).first()
    if order is None:
        raise NotFound("工单", field="token")
    _require(order, OrderStatus.RECTIFIED, action="追评")
    if not 1 <= level <= 5:
        raise BusinessError("INVALID_LEVEL", "评价等级为 1 到 5", field="level")
    order.follow_up_level, order.status, order.archived_at = level, OrderStatus.ARCHIVED, clock.now()
    _save(order, "follow_up_level", "status", "archived_at")
    record_event("work_order.followed_up", order, actor="applicant", data={"level": level})
    return order


def callback_rate() -> float | None:
    """Share of 差评 work orders called back (target: 100% of real-name 差评)."""
    total = WorkOrder.objects.count()
    if not total:
        return None
    return round(WorkOrder.objects.filter(called_back_at__isnull=False).count() / total, 4)
