"""收件, 一次性告知, 补正, 不予受理: the front desk's check of an application."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import ErrorDetail, NotFound, ValidationErrors
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.cases.errors import CaseError, invalid_transition
from onewindow.tenants.cases.models import (
    Applicant,
    Case,
    CaseMaterial,
    CaseStatus,
    Channel,
    CorrectionNotice,
    MaterialState,
)
from onewindow.tenants.cases.services._common import (
    actor_name,
    locked_case,
    next_number,
    save_case,
)
from onewindow.tenants.catalog.models import Bundle, ServiceItem
from onewindow.tenants.hall.models import Window

# 不予受理 must tell the applicant their remedies (行政许可法 art. 32, 38).
RIGHTS_NOTICE = "如对本决定不服，可自收到之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。"


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
            "INVALID_ID_NUMBER", "身份证号或统一社会信用代码应为 18 位", field="applicant.id_number"
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
            raise CaseError("DUPLICATE_SUBMISSION", f"同一申请已收件为 {existing}", field="idempotency_key")
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
            "UNKNOWN_REVIEW_POINT", f"审查要点 {unknown_points[0]} 不存在", field="failed_review_points"
        )
    review_checks = [
        {"code": f"rp{i}", "point": point, "passed": f"rp{i}" not in failed, "note": failed.get(f"rp{i}", "")}
        for i, point in enumerate(points, 1)
    ]
    case = Case.objects.create(
        number=next_number(),
        idempotency_key=idempotency_key or None,
        applicant=_applicant(applicant),
        item=the_item,
        bundle=the_bundle,
        department=the_item.department if the_item else the_bundle.lead_department,  # type: ignore[union-attr]
        channel=channel,
        window=the_window,
        clerk_username=actor_name(actor),
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


def problem_materials(case: Case) -> list[CaseMaterial]:
    return [m for m in case.materials.all() if m.state in (MaterialState.MISSING, MaterialState.IRREGULAR)]


def failed_checks(case: Case) -> dict[str, dict[str, Any]]:
    return {c["code"]: c for c in case.review_checks if not c["passed"]}


def tolerable_materials(case: Case) -> set[str]:
    return {code for code, _n, tol, _e in _material_list(case.item, case.bundle) if tol}


@transaction.atomic
def issue_correction_notice(
    number: str, *, version: int | None, entries: list[dict[str, str]], actor: object | None
) -> CorrectionNotice:
    """一次性告知: one notice that lists every missing or irregular material and how to fix it.
    A notice that leaves one out is refused — there is never a second notice for something the
    first could have said."""
    case = locked_case(number, version)
    if case.status != CaseStatus.RECEIVED:
        raise invalid_transition(case.status, "出具一次性告知")
    # what is wrong: missing or irregular materials, and failed review points (审查要点)
    problems: dict[str, tuple[str, str]] = {
        m.code: (m.name, m.get_state_display()) for m in problem_materials(case)
    }
    problems.update(
        {code: (c["point"], c["note"] or "不符合审查要点") for code, c in failed_checks(case).items()}
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
        issued_by=actor_name(actor),
    )
    case.status = CaseStatus.CORRECTION_REQUIRED
    save_case(case, "status")
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
    case = locked_case(number, version)
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
    save_case(case, "status", "review_checks")
    record_event("case.materials_resubmitted", case, actor=actor, data={"provided": sorted(provided)})
    return case


@transaction.atomic
def refuse_case(number: str, *, version: int | None, reason: str, actor: object | None) -> Case:
    """不予受理, with the reason and the applicant's rights and remedies."""
    case = locked_case(number, version)
    if case.status not in (CaseStatus.RECEIVED, CaseStatus.CORRECTION_REQUIRED):
        raise invalid_transition(case.status, "不予受理")
    if not reason.strip():
        raise CaseError("REQUIRED", "不予受理须说明理由", field="reason")
    case.status = CaseStatus.REFUSED
    case.refusal_reason = f"{reason.strip()}\n{RIGHTS_NOTICE}"
    save_case(case, "status", "refusal_reason")
    record_event("case.refused", case, actor=actor, data={"reason": reason.strip()})
    return case
