"""Every declared business event, walked from its producer (the real service) to an incident in
a rule set that listens to it; reminders from every kind of watched subject score."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from pydantic import ValidationError

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.assistance.services import file_assistance_complaint
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.cases.services import (
    accept_case,
    break_commitment,
    decide_case,
    flag_late_handovers,
    issue_result,
)
from onewindow.tenants.catalogchanges.services import report_catalog_change
from onewindow.tenants.escalation.models import SubjectKind
from onewindow.tenants.escalation.services import scan
from onewindow.tenants.events import EventData, catalog, declare, known_event_names
from onewindow.tenants.fallback.services import (
    classify_fallback,
    register_fallback,
    report_repeat_visits,
    substantiate_complaint,
)
from onewindow.tenants.policy.services import apply_text, export_yaml
from onewindow.tenants.reviews.events import BadReview
from onewindow.tenants.reviews.services import submit_review
from onewindow.tenants.scoring.models import Incident
from onewindow.tenants.scoring.services import close_period, open_period
from onewindow.tenants.scoring.subscriptions import REVIEW_RATIO, rule_event_names
from tests.tenants.cases_helpers import APPROVER_ROLES, post_approver, receive

pytestmark = pytest.mark.django_db
LISTENER = "shijian"
DECLARED = {
    "issuance.bypassed",
    "review.bad",
    "complaint.substantiated",
    "repeat_visits.reported",
    "escalation.fired",
    "catalog_change.reported",
    "commitment.broken",
    "result.handover_late",
}


def _listen(names: list[str]) -> None:
    """A department rule set with one rule per name, and a scoring chain on every subject kind."""
    data = yaml.safe_load(export_yaml())
    rules = [
        {"code": f"E{i}", "name": name, "kind": "deduction", "points": 1, "events": [name]}
        for i, name in enumerate(names)
    ]
    data["rule_sets"].append(
        {
            "code": LISTENER,
            "name": "事件考核",
            "subject": "department",
            "period": "quarter",
            "categories": [{"code": "all", "name": "事件", "max": 100, "rules": rules}],
        }
    )
    watched = {chain["subject"] for chain in data["chains"]}
    for kind in sorted(set(SubjectKind.values) - watched):
        data["chains"].append(
            {
                "code": f"k-{kind}",
                "name": f"{kind} 超期",
                "subject": kind,
                "levels": [
                    {
                        "name": "超期",
                        "trigger": {"offset": 1},
                        "target": {"kind": "centre"},
                        "actions": ["notify", "score"],
                    }
                ],
            }
        )
    apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")


def _produce_everything() -> str:
    """Each producer once, in 2026 Q1; returns the department they all concern."""
    with clock.frozen_at("2026-03-02 10:00"):
        open_case = receive()
        open_case = accept_case(open_case.number, version=open_case.version, actor="clerk")
        department = open_case.department.code
        post_approver("hsl", department)
        done = receive()
        done = accept_case(done.number, version=done.version, actor="clerk")
        done = decide_case(done.number, version=done.version, approve=True, actor="hsl", roles=APPROVER_ROLES)
        with pytest.raises(BusinessError):  # issuance.bypassed
            issue_result(done.number, version=done.version, window="ZC01", delivery="pickup", actor="desk")
        tolerated = receive(provided=["sqs", "zc"])  # 容缺 zs until Tue 3/3, then broken
        tolerated = accept_case(
            tolerated.number,
            version=tolerated.version,
            tolerate=["zs"],
            tolerance_due_on=dt.date(2026, 3, 3),
            actor="clerk",
        )
        break_commitment(tolerated.commitments.get().pk, reason="无法提供", actor="clerk")
        submit_review(done.number, level=1, channel="qr", actor=None)  # review.bad → a work order
        report_repeat_visits(open_case.number, visits=3, note="跑了三次", actor="supervisor")
        fallback = register_fallback(
            channel="fallback_window",
            summary="无对应事项",
            applicant_name="陈先生",
            departments=[department],
            actor="guide",
        )
        fallback = classify_fallback(
            fallback.number, version=fallback.version, tier="general", actor="centre"
        )
        substantiate_complaint(fallback.number, finding="属实", actor="centre")
        report_catalog_change(  # published 2/2, due 2/5: late
            department=department, summary="规定修订", rule_published_on=dt.date(2026, 2, 2), actor="x"
        )
        file_assistance_complaint(
            complainant_name="李女士",
            agent="帮办员甲",
            content="代办不及时",
            case_number=open_case.number,
            actor="centre",
        )
    with clock.frozen_at("2026-03-31 09:00"):
        scan()  # every deadline has passed: each chain's scoring level fires
        flag_late_handovers()  # `done` never reached the 出件窗口 (due 3/3): result.handover_late
    return department


def test_every_declared_event_reaches_an_incident() -> None:
    assert known_event_names() == DECLARED
    names = sorted(rule_event_names() - {REVIEW_RATIO})
    _listen(names)
    department = _produce_everything()
    period = open_period(LISTENER, dt.date(2026, 3, 2), actor="tests")
    close_period(period.pk, actor="tests")
    incidents = Incident.objects.filter(rule_set__code=LISTENER, recorder="system")
    scored = {names[int(i.rule[1:])] for i in incidents if i.subject == department}
    assert scored == set(names)  # every catalog event and every preset name (issuance_bypass …)

    reminder = f"E{names.index('reminder_overdue')}"
    rows = [int(i.cause.split(":")[1]) for i in incidents.filter(rule=reminder)]
    kinds = {row.data["ref"]["kind"] for row in AuditEvent.objects.filter(pk__in=rows)}
    assert kinds == {"case", "work_order", "fallback_case", "assistance_complaint", "catalog_change"}


def test_the_catalog_lists_each_event_with_its_schema() -> None:
    for event in catalog():
        assert issubclass(event.schema, EventData) and event.doc


def test_event_data_refuses_unknown_keys_and_a_second_declaration() -> None:
    with pytest.raises(ValidationError):
        BadReview(level=1, departmnet="scjg")  # type: ignore[call-arg]
    with pytest.raises(RuntimeError):
        declare("review.bad", BadReview, "again")


def test_rule_sets_may_name_only_known_events() -> None:
    names = rule_event_names()
    assert {"issuance_bypass", "bad_review", "reminder_overdue", "review_ratio", "review.bad"} <= names
    assert "issuance.bypass" not in names
