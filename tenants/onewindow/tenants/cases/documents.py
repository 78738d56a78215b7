"""Printable documents of a case, from HTML templates (``templates/cases/documents/``) through
``documents.render``: the 受理回执 (A4 or 80 mm thermal), the 一次性告知书 and the 不予受理
通知书. Each carries a QR code of the signed receipt link (``cases.links``), which opens the
public receipt page: status, what to fix, one review once decided."""

from __future__ import annotations

import datetime as dt
from typing import Any

from onewindow.platform.core import clock
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.cases.links import LINK_DAYS
from onewindow.tenants.cases.models import (
    Case,
    CaseMaterial,
    Commitment,
    CommitmentKind,
    CorrectionNotice,
    MaterialState,
)
from onewindow.tenants.documents.render import Paper, qr_svg, render_pdf
from onewindow.tenants.documents.selectors import letterhead, staff_name


def _day(moment: dt.datetime | dt.date | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, dt.datetime):
        moment = moment.astimezone(clock.COUNTY_TZ).date()
    return f"{moment.year}年{moment.month}月{moment.day}日"


def _what(case: Case) -> str:
    return case.item.name if case.item else case.bundle.name if case.bundle else ""


def _event(case: Case, action: str) -> AuditEvent | None:
    return (
        AuditEvent.objects.filter(action=action, subject_type="Case", subject_id=str(case.pk))
        .order_by("-occurred_at", "-id")
        .first()
    )


def _common(case: Case, link: str, paper: Paper, caption: str) -> dict[str, Any]:
    return {
        "case": case,
        "what": _what(case),
        "letterhead": letterhead(),
        "window": case.window.name if case.window else "网上受理",
        "qr": qr_svg(link, 24 if paper == "80mm" else 28),
        "qr_caption": caption,
        "link_days": LINK_DAYS,
    }


def _material_lines(case: Case) -> list[dict[str, str]]:
    promised = {
        c.material_code: _day(c.due_on)
        for c in Commitment.objects.filter(case=case, kind=CommitmentKind.TOLERANCE)
    }
    lines = []
    for m in CaseMaterial.objects.filter(case=case).order_by("id"):
        if m.state == MaterialState.PROVIDED:
            note = "已收"
        elif m.state == MaterialState.TOLERATED:
            day = promised.get(m.code, "")
            note = f"容缺，承诺于{day}前补齐" if day else "容缺"
        elif m.state == MaterialState.EXEMPT:
            note = "免于提交"
        else:
            note = m.get_state_display()
        lines.append({"name": m.name, "note": note, "state": m.state})
    return lines


def receipt_pdf(case: Case, link: str, *, paper: Paper = "a4") -> bytes:
    """受理回执: what was accepted, by when it will be done (the county's working calendar, as
    ``due_on`` was counted at 受理), where, which materials were received, how the result
    reaches the applicant, and the QR code of the receipt link."""
    accepted = _event(case, "case.accepted")
    context = _common(case, link, paper, "扫码查询办理进度，办结后可评价服务")
    context.update(
        {
            "paper": paper,
            "materials": (materials := _material_lines(case)),
            "materials_tolerated": any(m["state"] == MaterialState.TOLERATED for m in materials),
            # 告知承诺 (003 二(二)4): what the applicant pledged, and by when
            "pledges": [
                {"content": c.content, "due_on": _day(c.due_on)}
                for c in Commitment.objects.filter(case=case, kind=CommitmentKind.PLEDGE).order_by("id")
            ],
            "accepted_on": _day(case.accepted_on),
            "due_on": _day(case.due_on),
            "immediate": case.promised_days == 0,
            "children": list(case.children.select_related("item", "department").order_by("number")),
            "staff": staff_name(accepted.actor_label if accepted else case.clerk_username),
            "issued_on": _day(case.accepted_on),
        }
    )
    return render_pdf("cases/documents/receipt.html", context, paper=paper)


def correction_notice_pdf(notice: CorrectionNotice, link: str) -> bytes:
    """一次性告知书: every material to correct, and how, in one notice."""
    case = notice.case
    context = _common(case, link, "a4", "扫码查看需补正的材料和办理进度")
    context.update(
        {
            "notice": notice,
            "received_on": _day(case.received_at),
            "staff": staff_name(notice.issued_by),
            "issued_on": _day(notice.issued_at),
        }
    )
    return render_pdf("cases/documents/notice.html", context)


def refusal_notice_pdf(case: Case, link: str) -> bytes:
    """不予受理通知书: the reason, and the applicant's rights and remedies (行政许可法 第三十二条)."""
    refused = _event(case, "case.refused")
    # the reason as the clerk gave it (with any remedies they added), then the statutory notice
    reason, _, rights = case.refusal_reason.partition("\n")
    reason, _, remedies = reason.partition("。救济途径：")
    context = _common(case, link, "a4", "扫码查询本次申请的办理情况")
    context.update(
        {
            "received_on": _day(case.received_at),
            "reason": reason,
            "remedies": remedies,
            "rights": rights,
            "staff": staff_name(refused.actor_label if refused else case.clerk_username),
            "issued_on": _day(refused.occurred_at if refused else None),
        }
    )
    return render_pdf("cases/documents/refusal.html", context)


__all__ = ["correction_notice_pdf", "receipt_pdf", "refusal_notice_pdf"]
