"""容缺与告知承诺 follow-up (003 二(二)4 持续推行告知承诺制和容缺受理; 002 三(三) 容缺受理).

At acceptance each tolerated material and each pledge becomes a ``Commitment`` with its due
working day; the county's ``commitment`` chains (三级提醒, 001 §15) watch it. The clerk records
the material supplied (材料补齐) or the commitment broken; the sweep breaks what is still open
after its due day. A broken commitment is the catalog event ``commitment.broken``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import NotFound
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.cases.errors import CaseError
from onewindow.tenants.cases.events import COMMITMENT_BROKEN, CommitmentBroken
from onewindow.tenants.cases.models import (
    Case,
    CaseMaterial,
    Commitment,
    CommitmentKind,
    CommitmentState,
    MaterialState,
)
from onewindow.tenants.cases.services._common import actor_name, locked_case, save_case
from onewindow.tenants.escalation import services as escalation
from onewindow.tenants.escalation.models import SubjectKind
from onewindow.tenants.events import SubjectRef, emit
from onewindow.tenants.workcalendar.calendar import WorkingCalendar

SWEEPER = "system"


@dataclass(frozen=True)
class Pledge:
    """告知承诺: what the applicant undertakes (e.g. 承诺在期限内取得并提交消防验收意见书) and by when."""

    content: str
    due_on: dt.date | None


def check_due(due_on: dt.date | None, *, code: str, field: str, calendar: WorkingCalendar) -> dt.date:
    """A due day is after today and a working day of the county calendar."""
    if due_on is None or due_on <= clock.today():
        raise CaseError(code, "容缺受理、告知承诺须约定今后的补齐（履行）日期", field=field)
    if not calendar.is_working_day(due_on):
        raise CaseError("DUE_NOT_WORKING_DAY", f"{due_on:%Y-%m-%d} 不是本县工作日，请选工作日", field=field)
    return due_on


def clean_pledges(pledges: Iterable[Pledge], calendar: WorkingCalendar) -> list[tuple[str, dt.date]]:
    out = []
    for i, pledge in enumerate(pledges):
        content = pledge.content.strip()
        if not content:
            raise CaseError("REQUIRED", "请写明承诺内容", field=f"pledges[{i}].content")
        if len(content) > 300:
            raise CaseError("STRING_TOO_LONG", "承诺内容不超过 300 字", field=f"pledges[{i}].content")
        due = check_due(
            pledge.due_on, code="COMMITMENT_DUE_REQUIRED", field=f"pledges[{i}].due_on", calendar=calendar
        )
        out.append((content, due))
    return out


def _watch(commitment: Commitment) -> None:
    escalation.start_watches(
        SubjectKind.COMMITMENT,
        "Commitment",
        commitment.pk,
        f"办件 {commitment.case.number} {commitment.get_kind_display()}：{commitment.content}",
        started_on=clock.today(),
        deadline_on=commitment.due_on,
    )


def record_commitments(
    case: Case,
    tolerated: Sequence[CaseMaterial],
    tolerance_due_on: dt.date | None,
    pledges: Sequence[tuple[str, dt.date]],
    actor: object | None,
) -> list[Commitment]:
    """At acceptance (inside ``accept_case``'s transaction): one row per material, one per pledge."""
    now, who = clock.now(), actor_name(actor)
    tolerance = [
        Commitment(
            case=case,
            kind=CommitmentKind.TOLERANCE,
            material_code=m.code,
            content=m.name,
            due_on=tolerance_due_on,
            created_at=now,
            created_by=who,
        )
        for m in tolerated
        if tolerance_due_on is not None  # checked by accept_case whenever something is tolerated
    ]
    pledged = [
        Commitment(
            case=case,
            kind=CommitmentKind.PLEDGE,
            content=content,
            due_on=due_on,
            created_at=now,
            created_by=who,
        )
        for content, due_on in pledges
    ]
    rows = tolerance + pledged
    for row in rows:
        row.save()
        _watch(row)
    return rows


def _locked(commitment_id: int) -> tuple[Commitment, Case]:
    found = Commitment.objects.filter(pk=commitment_id).values_list("case__number", flat=True).first()
    if found is None:
        raise NotFound("承诺", field="id")
    case = locked_case(found, None)  # the case first, then its commitment: one lock order
    commitment = Commitment.objects.select_for_update().get(pk=commitment_id)
    if commitment.state != CommitmentState.OPEN:
        raise CaseError(
            "COMMITMENT_CLOSED", f"该承诺已{commitment.get_state_display()}，不能再登记", field="id"
        )
    return commitment, case


def _event_data(commitment: Commitment, case: Case, **extra: Any) -> dict[str, Any]:
    return {
        "commitment": commitment.pk,
        "kind": commitment.kind,
        "content": commitment.content,
        "due_on": str(commitment.due_on),
        **extra,
    }


@transaction.atomic
def fulfil_commitment(commitment_id: int, *, note: str = "", actor: object | None) -> Commitment:
    """材料补齐 / 承诺已履行, recorded by the clerk; a 容缺 material becomes 已提交."""
    commitment, case = _locked(commitment_id)
    now = clock.now()
    commitment.state, commitment.closed_at, commitment.closed_by = (
        CommitmentState.FULFILLED,
        now,
        actor_name(actor),
    )
    commitment.note = note.strip()[:300]
    commitment.save(update_fields=["state", "closed_at", "closed_by", "note"])
    if commitment.kind == CommitmentKind.TOLERANCE:
        CaseMaterial.objects.filter(
            case=case, code=commitment.material_code, state=MaterialState.TOLERATED
        ).update(state=MaterialState.PROVIDED)
    escalation.resolve_watches("Commitment", commitment.pk)
    save_case(case)
    record_event(
        "commitment.fulfilled", case, actor=actor, data=_event_data(commitment, case, note=commitment.note)
    )
    return commitment


def _break(commitment: Commitment, case: Case, reason: str, actor: object | None, automatic: bool) -> None:
    commitment.state, commitment.closed_at = CommitmentState.BROKEN, clock.now()
    commitment.closed_by, commitment.note = actor_name(actor), reason[:300]
    commitment.save(update_fields=["state", "closed_at", "closed_by", "note"])
    escalation.resolve_watches("Commitment", commitment.pk)
    save_case(case)
    emit(
        COMMITMENT_BROKEN,
        case,
        actor=actor,
        data=CommitmentBroken(
            department=case.department.code,
            ref=SubjectRef(kind="case", id=str(case.pk)),
            kind=commitment.kind,
            content=commitment.content,
            due_on=str(commitment.due_on),
            automatic=automatic,
        ),
    )


@transaction.atomic
def break_commitment(commitment_id: int, *, reason: str, actor: object | None) -> Commitment:
    """未履行承诺, recorded by the clerk (the applicant declared it, or 核查 found it untrue)."""
    if not reason.strip():
        raise CaseError("REQUIRED", "请说明未履行的情况", field="reason")
    commitment, case = _locked(commitment_id)
    _break(commitment, case, reason.strip(), actor, automatic=False)
    return commitment


def break_overdue_commitments(today: dt.date | None = None, *, limit: int = 500) -> int:
    """The sweep: what is still open after its due day is broken, each in its own transaction."""
    today = today or clock.today()
    ids = list(
        Commitment.objects.filter(state=CommitmentState.OPEN, due_on__lt=today)
        .order_by("due_on", "id")
        .values_list("pk", flat=True)[:limit]
    )
    done = 0
    for pk in ids:
        with transaction.atomic():
            try:
                commitment, case = _locked(pk)
            except CaseError:
                continue  # closed by the clerk meanwhile
            _break(
                commitment, case, f"逾期未履行（约定 {commitment.due_on:%Y-%m-%d}）", SWEEPER, automatic=True
            )
            done += 1
    return done
