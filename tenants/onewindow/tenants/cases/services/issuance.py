"""统一出件: results leave through the 综合出件 window only; a bypass is on record."""

from __future__ import annotations

from django.db import connection, transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import NotFound
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.cases.errors import CaseError, invalid_transition
from onewindow.tenants.cases.events import ISSUANCE_BYPASSED, IssuanceBypassed
from onewindow.tenants.cases.models import (
    Case,
    CaseStatus,
    Delivery,
    Issuance,
)
from onewindow.tenants.cases.services._common import (
    actor_name,
    locked_case,
    save_case,
)
from onewindow.tenants.cases.services.handover import receive_at_issuance
from onewindow.tenants.events import SubjectRef, emit
from onewindow.tenants.hall.models import Window, WindowKind
from onewindow.tenants.hall.selectors import staff_member_for
from onewindow.tenants.outbox.notify import notify
from onewindow.tenants.outbox.services import enqueue_notification


def _record_bypass(case: Case, window: Window, actor: object | None) -> None:
    member = staff_member_for(actor_name(actor))
    # Committed on its own: the refused issuance changes nothing, but the attempt is on record
    # and scoring turns it into a deduction (000 附件3 第6项).
    with transaction.atomic():
        emit(
            ISSUANCE_BYPASSED,
            case,
            actor=actor,
            data=IssuanceBypassed(
                window=window.code,
                window_kind=window.kind,
                department=case.department.code,
                staff=member.code if member else None,
                ref=SubjectRef(kind="case", id=str(case.pk)),
            ),
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
        case = locked_case(number, version)
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
                raise CaseError("REQUIRED", "政务快递须填写运单号", field="tracking_number")
            receive_at_issuance(case, the_window, actor)  # 000 第九条: 办理交接手续后统一出件
            now = clock.now()
            Issuance.objects.create(
                case=case,
                window=the_window,
                delivery=delivery,
                tracking_number=tracking_number.strip(),
                issued_at=now,
                issued_by=actor_name(actor),
                delivered_at=None if delivery == Delivery.EXPRESS else now,
            )
            case.status, case.issued_at = CaseStatus.ISSUED, now
            save_case(case, "status", "issued_at")
            if delivery == Delivery.EXPRESS and case.applicant.phone:
                # 000 第十条: 政务快递 — the applicant is told by SMS, the county's template and gateway
                told = notify(
                    "case.express_sent",
                    {
                        "case_number": case.number,
                        "item_name": case.item.name
                        if case.item
                        else (case.bundle.name if case.bundle else ""),
                        "tracking_number": tracking_number.strip(),
                        "county_name": getattr(getattr(connection, "tenant", None), "name", ""),
                    },
                    applicant_phone=case.applicant.phone,
                )
                if not told:  # a county without the rule: the plain message, as before
                    enqueue_notification(
                        "console",
                        case.applicant.phone,
                        f"您的办件 {case.number} 办理结果已通过政务快递寄出，"
                        f"运单号 {tracking_number.strip()}。",
                        subject="出件通知",
                    )
            record_event("case.issued", case, actor=actor, data={"window": window, "delivery": delivery})
            return case
    _record_bypass(case, the_window, actor)
    raise CaseError("ISSUANCE_BYPASS", "办理结果须由综合出件窗口统一出件；本次尝试已记录", field="window")


@transaction.atomic
def confirm_delivery(number: str, *, actor: object | None) -> Case:
    """出件登记: the express parcel reached the applicant."""
    case = locked_case(number, None)
    issuance = getattr(case, "issuance", None)
    if issuance is None or issuance.delivered_at is not None:
        raise CaseError("NOTHING_TO_CONFIRM", "没有待确认送达的出件", field="number")
    issuance.delivered_at = clock.now()
    issuance.save(update_fields=["delivered_at"])
    record_event("case.delivered", case, actor=actor, data={"delivery": issuance.delivery})
    return case
