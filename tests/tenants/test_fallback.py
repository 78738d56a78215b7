"""办不成事: register, classify into a tier, assign, resolve; 销号 only when the applicant is
satisfied; dissatisfied reopens (same tier or the next); solved cases published anonymised."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, ValidationErrors
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.fallback.models import FallbackStatus
from onewindow.tenants.fallback.services import (
    assign,
    classify_fallback,
    close_fallback,
    publish_to_library,
    record_applicant_opinion,
    register_fallback,
    report_assignment,
    report_repeat_visits,
    resolve_fallback,
)

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def in_wenling(wenling):  # type: ignore[no-untyped-def]
    connection.set_tenant(wenling)


def registered(**kw):  # type: ignore[no-untyped-def]
    with clock.frozen_at("2026-03-02 10:00"):
        return register_fallback(
            channel=kw.pop("channel", "fallback_window"),
            summary="新业态企业申办食品经营许可，无对应事项",
            applicant_name="陈先生",
            applicant_phone="13800138000",
            departments=["scjg"],
            window="DB01",
            actor="guide",
            **kw,
        )


def test_the_closed_loop_with_satisfaction() -> None:
    case = registered()
    assert case.number.startswith("BCS3310812026") and case.status == FallbackStatus.REGISTERED
    with clock.frozen_at("2026-03-02 11:00"):
        case = classify_fallback(case.number, version=case.version, tier="hard", actor="centre")
        assert (case.owner, case.deadline_on) == ("市委改革办", D(2026, 3, 16))  # 10 working days
        sheet = assign(
            case.number,
            version=case.version,
            department="scjg",
            due_on=D(2026, 3, 13),
            responsible="王建",
            matter="研究新业态登记路径",
            leader="分管副市长",
            actor="ggb",
        )
    report_assignment(sheet.number, completion="已明确按一般食品经营办理", actor="scjg")
    case.refresh_from_db()
    with pytest.raises(BusinessError) as err:  # 销号 before the applicant says so: refused
        close_fallback(case.number, actor="centre")
    assert err.value.code == "APPLICANT_NOT_SATISFIED"
    case = resolve_fallback(case.number, version=case.version, result="已指导申办并受理", actor="centre")
    case = record_applicant_opinion(
        case.number, version=case.version, satisfied=True, feedback="满意", actor="centre"
    )
    assert case.status == FallbackStatus.CLOSED and case.closed_at is not None
    assert case.assignments.get().applicant_feedback == "满意"
    case = publish_to_library(
        case.number,
        title="新业态无对应事项如何申办",
        text="陈先生（电话13800138000）反映……经改革办协调已办结。",
        actor="centre",
    )
    assert "13800138000" not in case.library_text and "陈先生" not in case.library_text


def test_a_dissatisfied_applicant_reopens_it_and_can_move_it_up() -> None:
    case = registered()
    case = classify_fallback(case.number, version=case.version, tier="general", actor="centre")
    case = resolve_fallback(case.number, version=case.version, result="窗口当场协调", actor="centre")
    case = record_applicant_opinion(
        case.number,
        version=case.version,
        satisfied=False,
        feedback="仍未解决",
        next_tier=True,
        actor="centre",
    )
    assert (case.status, case.tier, case.owner, case.satisfied) == (
        FallbackStatus.IN_HAND,
        "hard",
        "市委改革办",
        False,
    )
    with pytest.raises(BusinessError) as err:
        close_fallback(case.number, actor="centre")
    assert err.value.code == "APPLICANT_NOT_SATISFIED"
    case = resolve_fallback(case.number, version=case.version, result="协调会议已解决", actor="centre")
    case = record_applicant_opinion(
        case.number, version=case.version, satisfied=False, next_tier=False, actor="centre"
    )
    assert case.tier == "hard"  # redone at the same tier


def test_hotline_cases_need_their_work_order_number() -> None:
    with pytest.raises(BusinessError) as err:
        registered(channel="hotline")
    assert err.value.field == "hotline_ref"  # the domain's name; the API answers hotlineRef
    assert registered(channel="hotline", hotline_ref="12345-2026-0001").hotline_ref == "12345-2026-0001"


def test_repeat_visits_are_scored_and_referred_where_configured() -> None:
    report_repeat_visits("BCS-x", visits=3, note="营业执照变更跑了三次", actor="supervisor")
    assert AuditEvent.objects.filter(action="repeat_visits.reported").count() == 1
    assert not AuditEvent.objects.filter(
        action="discipline.referred"
    ).exists()  # 温岭: no referral configured


def test_the_wenling_chain_drives_an_overdue_case_through_every_level() -> None:
    from onewindow.tenants.escalation.models import Firing, Watch
    from onewindow.tenants.escalation.services import scan

    tz = clock.COUNTY_TZ
    case = registered()
    with clock.frozen_at("2026-03-02 11:00"):
        case = classify_fallback(case.number, version=case.version, tier="general", actor="centre")
    assert case.deadline_on == D(2026, 3, 9)
    assert scan(dt.datetime(2026, 3, 9, 9, 1, tzinfo=tz)) == 1  # due today: the centre
    assert scan(dt.datetime(2026, 3, 10, 9, 1, tzinfo=tz)) == 1  # overdue: the reform office, flagged
    assert scan(dt.datetime(2026, 3, 12, 9, 1, tzinfo=tz)) == 1  # named to the city government
    watch = Watch.objects.get(subject_type="FallbackCase")
    assert watch.flagged and list(Firing.objects.values_list("target", flat=True).order_by("level")) == [
        "centre",
        "reform_office",
        "county_government",
    ]


def test_moving_up_a_tier_starts_the_chain_again() -> None:
    from onewindow.tenants.escalation.models import Watch

    case = registered()
    with clock.frozen_at("2026-03-02 11:00"):
        case = classify_fallback(case.number, version=case.version, tier="general", actor="centre")
        case = resolve_fallback(case.number, version=case.version, result="x", actor="centre")
        case = record_applicant_opinion(
            case.number, version=case.version, satisfied=False, next_tier=True, actor="centre"
        )
    live = Watch.objects.filter(subject_type="FallbackCase", resolved_at__isnull=True)
    assert live.count() == 1 and live.get().deadline_on == D(2026, 3, 16)


def test_tongxu_refers_repeat_visits_to_the_discipline_commission(tongxu) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(tongxu)
    report_repeat_visits("SC-SL", visits=4, note="企业开办跑了四次", actor="supervisor")
    assert AuditEvent.objects.filter(action="discipline.referred", data__visits=4).count() == 1


def test_handover_moves_an_overdue_case_up_and_dissatisfaction_fires_its_own_level() -> None:
    import yaml

    from onewindow.tenants.escalation.models import Firing, Watch
    from onewindow.tenants.escalation.services import scan
    from onewindow.tenants.policy.services import apply_text, export_yaml

    data = yaml.safe_load(export_yaml())
    data["chains"] = [
        {
            "code": "doudi",
            "name": "办不成事督办",
            "subject": "fallback",
            "levels": [
                {
                    "name": "超期提交上一层级",
                    "trigger": {"offset": 1},
                    "target": {"kind": "reform_office"},
                    "actions": ["notify", "handover"],
                },
                {
                    "name": "群众不满意",
                    "trigger": {"relative_to": "event", "event": "dissatisfied"},
                    "target": {"kind": "centre"},
                    "actions": ["notify", "flag", "score"],
                },
            ],
        }
    ]
    apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")
    case = registered()
    with clock.frozen_at("2026-03-02 11:00"):
        case = classify_fallback(case.number, version=case.version, tier="general", actor="centre")
    with clock.frozen_at("2026-03-10 09:01") as moment:  # the scan runs on the clock's time
        assert scan(moment) == 1
    case.refresh_from_db()
    assert (case.tier, case.owner) == ("hard", "市委改革办")  # handed up by the chain
    assert Watch.objects.filter(subject_type="FallbackCase", resolved_at__isnull=True).get().deadline_on == D(
        2026, 3, 24
    )
    with clock.frozen_at("2026-03-11 10:00"):
        case = resolve_fallback(case.number, version=case.version, result="协调中", actor="centre")
        record_applicant_opinion(case.number, version=case.version, satisfied=False, actor="centre")
    assert list(Firing.objects.order_by("id").values_list("target", flat=True)) == ["reform_office", "centre"]
    with pytest.raises(ValidationErrors):  # an event level must name its event
        data["chains"][0]["levels"][1]["trigger"] = {"relative_to": "event"}
        apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")
