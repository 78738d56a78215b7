"""收件, 一次性告知, 补正, 不予受理: the front desk's check of an application."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from onewindow.platform.core import clock, identifiers
from onewindow.platform.core.errors import BusinessError, ErrorDetail, NotFound, ValidationErrors
from onewindow.platform.core.tenancy import advisory_lock as lock
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


MAX_IDEMPOTENCY_KEY = 100  # the column's length
MAX_NAME = 100


def _check_applicant(data: ApplicantInput) -> tuple[str, str, str]:
    """(name, id number, phone) normalised, or every problem at once with its field path."""
    problems: list[ErrorDetail] = []
    if data.kind not in (identifiers.PERSON, identifiers.ENTERPRISE):
        problems.append(ErrorDetail("INVALID_CHOICE", "申请人类型无效", "applicant.kind"))
    name = data.name.strip()
    if not name:
        problems.append(ErrorDetail("REQUIRED", "请填写申请人名称", "applicant.name"))
    elif len(name) > MAX_NAME:
        problems.append(ErrorDetail("STRING_TOO_LONG", f"申请人名称最多 {MAX_NAME} 个字", "applicant.name"))
    id_number = phone = ""
    for check in (
        lambda: identifiers.id_number(data.kind, data.id_number, field="applicant.id_number"),
        lambda: identifiers.phone(data.phone, field="applicant.phone"),
    ):
        try:
            value = check()
        except BusinessError as error:
            problems.extend(error.details)
            continue
        if not id_number:
            id_number = value
        else:
            phone = value
    if problems:
        raise ValidationErrors(problems)
    return name, id_number, phone


def _applicant(data: ApplicantInput, number: str, *, actor: object | None) -> Applicant:
    """The applicant with this ID number: created on first sight, else the same person.

    An ID number belongs to one person: another name (or kind) with it is refused
    (``ID_NUMBER_NAME_MISMATCH``) — a typo or a borrowed number, never a reason to attach the
    case to someone else. A different phone is the person's new number: the change is stored
    on the applicant and audited (``applicant.phone_changed``, both numbers masked), see
    docs/decisions/0011-applicant-identity.md. Concurrent first sightings of one number wait on
    one advisory lock, so the second finds the first's row instead of a unique violation."""
    name, id_number, phone = _check_applicant(data)
    lock("applicant", id_number)
    applicant = Applicant.objects.filter(id_number=id_number).first()
    if applicant is None:
        return Applicant.objects.create(
            kind=data.kind, name=name, id_number=id_number, phone=phone, created_at=clock.now()
        )
    if applicant.name != name or applicant.kind != data.kind:
        raise CaseError(
            "ID_NUMBER_NAME_MISMATCH",
            "此证件号已登记在另一名申请人名下，请核对申请人名称和证件号",
            field="applicant.name",
        )
    if phone and phone != applicant.phone:
        old = applicant.phone
        applicant.phone = phone
        applicant.save(update_fields=["phone"])
        record_event(
            "applicant.phone_changed",
            applicant,
            actor=actor,
            data={
                "case": number,
                "from": identifiers.mask(old) if old else "",
                "to": identifiers.mask(phone),
            },
        )
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
        if len(idempotency_key) > MAX_IDEMPOTENCY_KEY:
            raise CaseError(
                "STRING_TOO_LONG", f"幂等键最多 {MAX_IDEMPOTENCY_KEY} 个字符", field="idempotency_key"
            )
        # concurrent submissions with one key: the second waits for the first to commit, then
        # finds its case (a typed error naming it), never a unique violation
        lock("case-idempotency", idempotency_key)
        existing = (
            Case.objects.filter(idempotency_key=idempotency_key).values_list("number", flat=True).first()
        )
        if existing:
            raise CaseError("DUPLICATE_SUBMISSION", f"同一申请已收件为 {existing}", field="idempotency_key")
    _check_applicant(applicant)  # before anything is looked up, every problem at once
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
    number = next_number()
    case = Case.objects.create(
        number=number,
        idempotency_key=idempotency_key or None,
        applicant=_applicant(applicant, number, actor=actor),
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
