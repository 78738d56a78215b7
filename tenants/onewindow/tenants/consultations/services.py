"""首问负责 (002 五(一): 各窗口建立并完善首问责任制，明确具体责任人; 004 第十五条).

The staff member first asked is recorded as responsible; they stay responsible until they hand
it on — to whom, why and when are recorded — and whoever holds it answers. Each act one
transaction, one audit event."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, NotFound
from onewindow.platform.core.versioning import lock_for_edit, save_edit
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.consultations.models import (
    Consultation,
    ConsultationChannel,
    ConsultationStatus,
    Handover,
)
from onewindow.tenants.hall.models import StaffMember, Window
from onewindow.tenants.hall.selectors import staff_member_for
from onewindow.tenants.queueing.models import Ticket


def _username(actor: object | None) -> str:
    return actor if isinstance(actor, str) else str(getattr(actor, "username", "") or "system")


def _staff(code: str, field: str) -> StaffMember:
    member = StaffMember.objects.live().filter(code=code).first()
    if member is None:
        raise NotFound(f"工作人员 {code}", field=field)
    return member


def _ticket(visit_ref: str) -> Ticket:
    """The queue ticket a walk-in consultation came with, by its 一次一评 key (``A012-20261121``)."""
    number, _, day = visit_ref.partition("-")
    try:
        date = dt.datetime.strptime(day, "%Y%m%d").date()
    except ValueError:
        raise BusinessError(
            "INVALID_VALUE", "号票格式为 号码-日期，如 A012-20261121", field="visit_ref"
        ) from None
    ticket = Ticket.objects.select_related("window").filter(number=number, day=date).first()
    if ticket is None:
        raise NotFound(f"号票 {visit_ref}", field="visit_ref")
    return ticket


@transaction.atomic
def record_consultation(
    *,
    topic: str,
    channel: str,
    staff: str | None = None,
    window: str | None = None,
    visit_ref: str = "",
    applicant_name: str = "",
    actor: object | None,
) -> Consultation:
    """首问: the asked staff member — the acting account's roster entry, or ``staff`` when the
    account records for a colleague (a shared 询导台 account) — becomes responsible."""
    if channel not in ConsultationChannel.values:
        raise BusinessError("INVALID_CHOICE", "渠道无效", field="channel")
    if not topic.strip():
        raise BusinessError("REQUIRED", "请填写咨询事项", field="topic")
    first = _staff(staff, "staff") if staff else staff_member_for(_username(actor))
    if first is None:
        raise BusinessError("STAFF_REQUIRED", "您的账号未关联工作人员名册，请选择首问工作人员", field="staff")
    ticket = _ticket(visit_ref.strip()) if visit_ref.strip() else None
    the_window = None
    if window:
        the_window = Window.objects.live().filter(code=window).first()
        if the_window is None:
            raise NotFound(f"窗口 {window}", field="window")
    elif channel == ConsultationChannel.WINDOW:
        # the window that called the ticket, else the one the staff member is posted to
        the_window = (ticket.window if ticket is not None else None) or first.window
    if channel == ConsultationChannel.WINDOW and the_window is None:
        raise BusinessError("REQUIRED", "窗口咨询须写明窗口", field="window")
    consultation = Consultation.objects.create(
        number=f"pending-{uuid.uuid4().hex[:24]}",  # numbered from its id below
        asked_at=clock.now(),
        channel=channel,
        window=the_window,
        visit_ref=ticket.visit_ref if ticket is not None else "",
        topic=topic.strip(),
        applicant_name=applicant_name.strip()[:100],
        first_asked=first,
        responsible=first,
    )
    consultation.number = f"ZX{clock.today():%Y%m%d}{consultation.pk:05d}"
    consultation.save(update_fields=["number"])
    record_event(
        "consultation.recorded",
        consultation,
        actor=actor,
        data={
            "first_asked": first.code,
            "channel": channel,
            "window": the_window.code if the_window else None,
        },
    )
    return consultation


def _locked(number: str, version: int | None) -> Consultation:
    consultation = lock_for_edit(Consultation, what=f"咨询 {number}", version=version, number=number)
    if consultation.status != ConsultationStatus.OPEN:
        raise BusinessError("INVALID_TRANSITION", "咨询已答复", field="status")
    return consultation


def _must_hold(consultation: Consultation, actor: object | None) -> None:
    """An account on the roster acts only on what it answers for; an unlinked desk account
    records for the person responsible."""
    mine = staff_member_for(_username(actor))
    if mine is not None and mine.pk != consultation.responsible_id:
        raise BusinessError(
            "NOT_RESPONSIBLE", f"此咨询现由{consultation.responsible.name}负责", field="number"
        )


@transaction.atomic
def hand_on(number: str, *, version: int | None, to: str, reason: str, actor: object | None) -> Handover:
    """移交: the responsible person hands the consultation on, saying to whom and why."""
    consultation = _locked(number, version)
    _must_hold(consultation, actor)
    target = _staff(to, "to")
    if target.pk == consultation.responsible_id:
        raise BusinessError("SAME_STAFF", "不能移交给当前责任人本人", field="to")
    if not reason.strip():
        raise BusinessError("REQUIRED", "请写明移交理由", field="reason")
    handover = Handover.objects.create(
        consultation=consultation,
        from_staff=consultation.responsible,
        to_staff=target,
        reason=reason.strip(),
        handed_at=clock.now(),
        recorded_by=_username(actor),
    )
    previous = consultation.responsible.code
    consultation.responsible = target
    save_edit(consultation, "responsible")
    record_event(
        "consultation.handed_on",
        consultation,
        actor=actor,
        data={"from": previous, "to": target.code, "reason": handover.reason},
    )
    return handover


@transaction.atomic
def answer_consultation(
    number: str, *, version: int | None, answer: str, actor: object | None
) -> Consultation:
    """答复: the person responsible answers; the consultation is done."""
    consultation = _locked(number, version)
    _must_hold(consultation, actor)
    if not answer.strip():
        raise BusinessError("REQUIRED", "请填写答复", field="answer")
    consultation.status, consultation.answer, consultation.answered_at = (
        ConsultationStatus.ANSWERED,
        answer.strip(),
        clock.now(),
    )
    save_edit(consultation, "status", "answer", "answered_at")
    record_event(
        "consultation.answered", consultation, actor=actor, data={"by": consultation.responsible.code}
    )
    return consultation
