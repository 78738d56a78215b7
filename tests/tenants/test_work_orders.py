"""差评 → work order: callback, classification, rectification, one follow-up rating, archive."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.cases.services import accept_case, refuse_case
from onewindow.tenants.escalation.services import scan
from onewindow.tenants.policy.services import apply_text, export_yaml
from onewindow.tenants.reviews.services import submit_review, submit_visit_review
from onewindow.tenants.workorders.models import OrderStatus, WorkOrder
from onewindow.tenants.workorders.services import (
    callback_rate,
    classify_order,
    follow_up_rating,
    record_callback,
    report_rectification,
)
from tests.tenants.cases_helpers import receive

pytestmark = pytest.mark.django_db
D = dt.date


def bad_review(day: str = "2026-03-02", level: int = 1) -> WorkOrder:
    with clock.frozen_at(f"{day} 10:00"):
        case = receive()
        case = refuse_case(case.number, version=case.version, reason="超出职权（测试）", actor="clerk")
        submit_review(case.number, level=level, channel="qr", actor=None)
    return WorkOrder.objects.get(review__case=case)


def test_a_bad_review_opens_an_order_to_the_responsible_unit() -> None:
    order = bad_review()
    assert (order.status, order.department.code, order.callback_due_on) == (
        OrderStatus.OPEN,
        "scjg",
        D(2026, 3, 3),
    )
    with clock.frozen_at("2026-03-02 11:00"):
        case = receive()
        case = accept_case(case.number, version=case.version, actor="clerk")
        submit_review(case.number, level=3, channel="qr", actor=None)
    assert WorkOrder.objects.count() == 1  # 基本满意 is no 差评


def test_the_whole_loop() -> None:
    order = bad_review()
    with clock.frozen_at("2026-03-03 09:30"):
        order = record_callback(
            order.number,
            version=order.version,
            note="电话回访，属实：窗口告知不清",
            verified=True,
            actor="scjg",
        )
        order = classify_order(
            order.number,
            version=order.version,
            classification="explain",
            explanation="加强一次性告知培训",
            actor="scjg",
        )
    assert (order.status, order.rectification_due_on) == (
        OrderStatus.RECTIFYING,
        D(2026, 3, 24),
    )  # 15 working days
    with clock.frozen_at("2026-03-10 09:00"):
        order = report_rectification(
            order.number, version=order.version, report="已培训并修订告知模板", actor="scjg"
        )
    order = follow_up_rating(order.pk, level=4)
    assert (order.status, order.follow_up_level) == (OrderStatus.ARCHIVED, 4)
    with pytest.raises(BusinessError) as err:
        follow_up_rating(order.pk, level=5)  # one follow-up only
    assert err.value.code == "INVALID_TRANSITION"
    assert callback_rate() == 1.0


def test_no_legal_basis_and_appeals_end_the_order_differently() -> None:
    first, second = bad_review(), bad_review(level=2)
    for order in (first, second):
        record_callback(order.number, version=order.version, note="已回访", verified=False, actor="scjg")
    first.refresh_from_db()
    with pytest.raises(BusinessError) as err:
        classify_order(first.number, version=first.version, classification="no_legal_basis", actor="scjg")
    assert err.value.code == "REQUIRED"
    first = classify_order(
        first.number,
        version=first.version,
        classification="no_legal_basis",
        explanation="法规明确要求该材料",
        actor="scjg",
    )
    second.refresh_from_db()
    second = classify_order(
        second.number,
        version=second.version,
        classification="mistaken",
        explanation="评价人误选",
        actor="scjg",
    )
    assert (first.status, second.status) == (OrderStatus.ARCHIVED, OrderStatus.APPEALED)


def test_out_of_order_steps_change_nothing() -> None:
    order = bad_review()
    with pytest.raises(BusinessError) as err:
        report_rectification(order.number, version=order.version, report="x", actor="scjg")
    assert err.value.code == "INVALID_TRANSITION"
    order.refresh_from_db()
    assert (order.status, order.version) == (OrderStatus.OPEN, 1)
    assert callback_rate() == 0.0


def test_a_chain_on_work_orders_escalates_a_missed_callback() -> None:
    data = yaml.safe_load(export_yaml())
    data["chains"].append(
        {
            "code": "chaping",
            "name": "差评回访督办",
            "subject": "bad_review",
            "levels": [
                {
                    "name": "回访超时",
                    "trigger": {"offset": 1},
                    "target": {"kind": "centre"},
                    "actions": ["notify", "score"],
                }
            ],
        }
    )
    apply_text(yaml.safe_dump(data, allow_unicode=True), actor="tests")
    order = bad_review()  # callback due 3/3
    tz = clock.COUNTY_TZ
    assert scan(dt.datetime(2026, 3, 4, 9, 5, tzinfo=tz)) == 1
    called = bad_review("2026-03-02", level=2)
    with clock.frozen_at("2026-03-03 09:00"):
        record_callback(called.number, version=called.version, note="已回访", verified=True, actor="scjg")
    assert (
        scan(dt.datetime(2026, 3, 4, 9, 10, tzinfo=tz)) == 0
    )  # the called-back one waits for classification
    assert order.status == OrderStatus.OPEN


def test_walk_in_bad_reviews_go_to_the_windows_lead_department() -> None:
    submit_visit_review("B007-20261121", window="YJS01", level=1, channel="device", actor="device")
    assert WorkOrder.objects.get().department.code == "scjg"


def test_assistance_complaints_are_answered_within_three_working_days() -> None:
    from onewindow.tenants.assistance.services import answer_assistance_complaint, file_assistance_complaint
    from onewindow.tenants.escalation.models import Firing

    tz = clock.COUNTY_TZ
    with clock.frozen_at("2026-09-29 10:00"):
        late = file_assistance_complaint(
            complainant_name="刘女士", agent="王小翠", content="代办进度无人告知", actor="centre"
        )
        on_time = file_assistance_complaint(
            complainant_name="赵先生", agent="王小翠", content="代办员态度差", actor="centre"
        )
    assert late.due_on == D(2026, 10, 9)  # 9/30, 10/8, 10/9 — National Day in between
    with clock.frozen_at("2026-10-08 15:00"):
        answer_assistance_complaint(
            on_time.number, finding="属实，已批评教育", substantiated=True, actor="centre"
        )
    assert scan(dt.datetime(2026, 10, 9, 9, 1, tzinfo=tz)) == 1  # only the unanswered one: due today
    assert scan(dt.datetime(2026, 10, 10, 9, 1, tzinfo=tz)) == 1  # Saturday 10/10 is a working day: overdue
    assert sorted(Firing.objects.values_list("target", flat=True)) == ["centre", "team:xtxz"]
    with pytest.raises(BusinessError) as err:
        answer_assistance_complaint(on_time.number, finding="x", substantiated=False, actor="centre")
    assert err.value.code == "ALREADY_ANSWERED"


def test_tongxu_supervision_chain_refers_overdue_fallback_cases_to_the_discipline_commission(tongxu) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    from onewindow.tenants.escalation.models import Firing
    from onewindow.tenants.fallback.services import classify_fallback, register_fallback

    connection.set_tenant(tongxu)
    with clock.frozen_at("2026-03-02 10:00"):
        case = register_fallback(
            channel="any_window", summary="窗口推诿", applicant_name="周先生", actor="clerk"
        )
        classify_fallback(case.number, version=case.version, tier="general", actor="centre")
    tz = clock.COUNTY_TZ
    assert scan(dt.datetime(2026, 3, 9, 9, 1, tzinfo=tz)) == 1
    assert scan(dt.datetime(2026, 3, 10, 9, 1, tzinfo=tz)) == 1
    assert list(Firing.objects.order_by("level").values_list("target", "response_due_on")) == [
        ("centre", None),
        ("discipline_commission", D(2026, 3, 13)),
    ]
