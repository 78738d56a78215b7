"""三级提醒 on case deadlines: each level fires once, in order; paused cases wait; resolved ones
stop; after a gap the runner catches up, marking what is late; versions stay with the subject."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from onewindow.platform.core import clock
from onewindow.platform.core.errors import ValidationErrors
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.cases.services import accept_case, decide_case, pause_clock, resume_clock
from onewindow.tenants.escalation.models import Firing, Watch
from onewindow.tenants.escalation.services import scan
from onewindow.tenants.outbox.models import OutboxMessage
from onewindow.tenants.policy.services import apply_text, export_yaml
from tests.tenants.cases_helpers import APPROVER_ROLES, post_approver, receive

pytestmark = pytest.mark.django_db
TZ = clock.COUNTY_TZ


def at(moment: str) -> dt.datetime:
    return dt.datetime.fromisoformat(moment).replace(tzinfo=TZ)


def accepted_case(day: str = "2026-03-02"):  # type: ignore[no-untyped-def]
    """注销登记 (promised 3 working days): accepted Mon 3/2, due Thu 3/5."""
    with clock.frozen_at(f"{day} 10:00"):
        case = receive("QY-ZX", provided=["sqs", "qsbg"])
        return accept_case(case.number, version=case.version, actor="clerk")


def fired(case) -> list[tuple[int, bool]]:  # type: ignore[no-untyped-def]
    watch = Watch.objects.get(subject_type="Case", subject_id=str(case.pk))
    return list(Firing.objects.filter(watch=watch).order_by("level").values_list("level", "late"))


def test_three_levels_fire_once_each_in_order() -> None:
    case = accepted_case()
    assert case.due_on == dt.date(2026, 3, 5)
    watch = Watch.objects.get(subject_id=str(case.pk))
    assert watch.next_due_at == at("2026-03-03 09:00")  # two working days before the deadline
    assert scan(at("2026-03-03 08:59")) == 0
    assert scan(at("2026-03-03 09:05")) == 1
    assert scan(at("2026-03-03 09:06")) == 0  # never twice
    assert scan(at("2026-03-05 09:01")) == 1  # on the deadline day
    assert scan(at("2026-03-06 09:02")) == 1  # overdue: the coordination group, flagged, scored
    assert scan(at("2026-03-20 09:00")) == 0
    assert fired(case) == [(0, False), (1, False), (2, False)]
    watch.refresh_from_db()
    assert watch.flagged and watch.next_due_at is None
    last = AuditEvent.objects.filter(action="escalation.fired").order_by("id").last()
    assert last.data["score"] is True and last.data["target"] == "team:xtxz"
    assert last.data["response_due_on"] == "2026-03-09"
    assert OutboxMessage.objects.filter(recipient="role:approver", body__contains=case.number).count() == 1


def test_a_paused_case_waits_and_its_levels_move_with_the_new_deadline() -> None:
    case = accepted_case()
    with clock.frozen_at("2026-03-03 08:00"):
        case = pause_clock(case.number, version=case.version, kind="correction", actor="scjg")
    assert scan(at("2026-03-04 12:00")) == 0
    with clock.frozen_at("2026-03-05 08:30"):
        case = resume_clock(case.number, version=case.version, actor="scjg")
    assert case.due_on == dt.date(2026, 3, 9)  # 3/3 and 3/4 paused
    assert Watch.objects.get(subject_id=str(case.pk)).next_due_at == at("2026-03-05 09:00")
    assert scan(at("2026-03-05 09:01")) == 1
    assert fired(case) == [(0, False)]


def test_a_decided_case_stops_its_chain() -> None:
    post_approver("hsl", "scjg")
    case = accepted_case()
    assert scan(at("2026-03-03 09:10")) == 1
    with clock.frozen_at("2026-03-04 10:00"):
        decide_case(case.number, version=case.version, approve=True, actor="hsl", roles=APPROVER_ROLES)
    assert scan(at("2026-03-31 09:00")) == 0
    assert fired(case) == [(0, False)]


def test_after_downtime_every_passed_level_fires_once_in_order_marked_late() -> None:
    case = accepted_case()
    assert scan(at("2026-03-10 11:00")) == 3
    assert scan(at("2026-03-10 11:01")) == 0
    assert fired(case) == [(0, True), (1, True), (2, True)]
    levels = list(
        AuditEvent.objects.filter(action="escalation.fired")
        .order_by("id")
        .values_list("data__level", flat=True)
    )
    assert levels == [0, 1, 2]


def test_a_running_case_keeps_its_chain_version() -> None:
    old = accepted_case()
    data = yaml.safe_load(export_yaml())
    data["chains"][0]["levels"][0]["trigger"]["offset"] = -1
    result = apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")
    assert [c["path"] for c in result.diff] == ["chains.sanji-tixing"]
    new = accepted_case("2026-03-02")
    versions = {w.subject_id: w.version.number for w in Watch.objects.select_related("version")}
    assert versions == {str(old.pk): 1, str(new.pk): 2}
    assert Watch.objects.get(subject_id=str(new.pk)).next_due_at == at("2026-03-04 09:00")


def test_chain_rules_name_the_yaml_path() -> None:
    data = yaml.safe_load(export_yaml())
    data["chains"][0]["levels"][2]["target"] = {"kind": "team", "value": "nobody"}
    data["chains"][0]["levels"][1]["trigger"]["offset"] = -5
    with pytest.raises(ValidationErrors) as err:
        apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")
    assert {d.field: d.code for d in err.value.details} == {
        "chains[0].levels[2].target.value": "UNKNOWN_REFERENCE",
        "chains[0].levels[1].trigger": "LEVELS_OUT_OF_ORDER",
    }
