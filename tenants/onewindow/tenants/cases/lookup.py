"""What the public may read about a case without an account (no personal data, no staff)."""

from __future__ import annotations

from typing import Any

from onewindow.platform.accounts import throttle
from onewindow.tenants.cases.models import Case, CaseStatus

DECIDED = (CaseStatus.APPROVED, CaseStatus.DENIED, CaseStatus.ISSUED)


def case_by_number_and_phone_tail(number: str, phone_tail: str) -> Case | None:
    """进度查询: the case number plus the last four digits of the applicant's phone."""
    tail = phone_tail.strip()
    if len(tail) != 4 or not tail.isdecimal() or not number.strip():
        return None
    case = Case.objects.select_related("applicant", "item", "bundle").filter(number=number.strip()).first()
    if case is None or not case.applicant.phone.endswith(tail):
        return None
    return case


def guarded_status(number: str, phone_tail: str, *, county: str, address: str) -> Case | None:
    """进度查询 for the public: a wrong number or phone tail counts against the caller's address
    and the case number; once either is limited nothing is looked up (``RATE_LIMITED``)."""
    target = number.strip()[:64]
    throttle.check("status", county=county, address=address, target=target)
    case = case_by_number_and_phone_tail(number, phone_tail)
    if case is None:
        throttle.fail("status", county=county, address=address, target=target)
    return case


def open_corrections(case: Case) -> list[dict[str, Any]]:
    """What a case waiting for 补正 must fix: the open notice's entries, no staff names."""
    if case.status != CaseStatus.CORRECTION_REQUIRED:
        return []
    notice = case.notices.filter(resolved_at__isnull=True).order_by("-issued_at").first()
    if notice is None:
        return []
    return [{"name": e["name"], "problem": e["problem"], "fix": e["fix"]} for e in notice.entries]


def may_be_reviewed(case: Case) -> bool:
    """一事一评 once the case is decided (准予 / 不予许可 / 已出件), on the case itself."""
    return case.status in DECIDED and case.parent_id is None
