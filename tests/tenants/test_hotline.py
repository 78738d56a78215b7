"""12345 work orders (有诉即办, 通许 004 第二十条: 受理、转办、督办、反馈): received once per
idempotency key, 签收 / 退单 with a reason / 改派, 办理, 答复, 回访 — 不满意 reopens, 满意 closes —
each step against its limit from the pack and watched by the chain 有诉即办督办.

The seeds give no step limits: 通许's preset carries example data (签收 1, 办理 5, 答复 1, 回访 2,
重办 5 working days), and the dates below are worked by hand from those numbers on the 2026
calendar (2026-03-02 is a Monday; no holiday in March). The chain's existence is 004 第二十条's
督办; its offsets (0, +1, +3 working days) are example data too."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from django.db import connection

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, ValidationErrors
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.escalation.models import Firing, Watch
from onewindow.tenants.escalation.services import scan
from onewindow.tenants.fallback.services import register_fallback
from onewindow.tenants.hotline.models import HotlineOrder, HotlineStatus, Step
from onewindow.tenants.hotline.policy import HotlineSettingsSpec
from onewindow.tenants.hotline.selectors import flagged_orders, order_list
from onewindow.tenants.hotline.services import (
    dispatch_order,
    receive_order,
    record_handling,
    record_visit,
    reply_order,
    return_order,
    sign_order,
    step_limits,
)
from onewindow.tenants.policy.services import apply_text, export_yaml

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def in_tongxu(tongxu):  # type: ignore[no-untyped-def]
    connection.set_tenant(tongxu)


def body(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "hotlineNumber": "KF20260302000123",
        "kind": "complaint",
        "title": "社保卡补办多次未办成",
        "content": "来电人反映在社保窗口补办社保卡跑了三次仍未办成。",
        "applicant": {"name": "王女士", "phone": "13903781234"},
        "dispatchedAt": "2026-03-02T09:40:00+08:00",
        "department": "rsj",
    }
    data.update(changes)
    return data


def received() -> HotlineOrder:
    with clock.frozen_at("2026-03-02 10:00"):
        order, replayed = receive_order(body(), idempotency_key="k-0001", actor="hotline12345")
    assert not replayed
    return order


def test_one_key_makes_one_order() -> None:
    order = received()
    # example data: 签收 within 1 working day of receipt on Mon 3-02 → Tue 3-03
    assert (order.status, order.step, order.step_due_on) == (HotlineStatus.RECEIVED, Step.SIGN, D(2026, 3, 3))
    with clock.frozen_at("2026-03-02 10:01"):
        again, replayed = receive_order(body(), idempotency_key="k-0001", actor="hotline12345")
    assert replayed and again.pk == order.pk and HotlineOrder.objects.count() == 1
    with pytest.raises(BusinessError) as err:
        receive_order(body(title="另一件事"), idempotency_key="k-0001", actor="hotline12345")
    assert err.value.code == "IDEMPOTENCY_KEY_REUSED"
    with pytest.raises(BusinessError) as err:
        receive_order(body(), idempotency_key="k-0002", actor="hotline12345")
    assert err.value.code == "DUPLICATE_HOTLINE_NUMBER"
    assert HotlineOrder.objects.count() == 1
    assert AuditEvent.objects.filter(action="hotline.received").count() == 1


def test_a_bad_body_names_every_field_and_creates_nothing() -> None:
    with pytest.raises(ValidationErrors) as err:
        receive_order(
            {"kind": "gossip", "title": "", "applicant": {"phone": "12"}, "department": "nope", "extra": 1},
            idempotency_key="k-bad",
            actor="hotline12345",
        )
    assert {d.field: d.code for d in err.value.details} == {
        "extra": "UNKNOWN_FIELD",
        "hotlineNumber": "REQUIRED",
        "kind": "INVALID_CHOICE",
        "title": "REQUIRED",
        "content": "REQUIRED",
        "applicant.phone": "INVALID_PHONE",
        "dispatchedAt": "REQUIRED",
        "department": "NOT_FOUND",
    }
    with pytest.raises(BusinessError) as no_key:
        receive_order(body(), idempotency_key=" ", actor="hotline12345")
    assert no_key.value.code == "IDEMPOTENCY_KEY_REQUIRED"
    assert HotlineOrder.objects.count() == 0


def test_the_whole_loop_with_a_return_a_reopening_and_the_chain() -> None:
    order = received()
    watch = Watch.objects.get(subject_type="HotlineOrder", subject_id=str(order.pk), resolved_at=None)
    assert (watch.version.chain.code, watch.deadline_on) == ("yousu-duban", D(2026, 3, 3))
    # level 0 (offset 0) fires at 09:00 on the deadline day
    assert scan(dt.datetime(2026, 3, 3, 9, 5, tzinfo=clock.COUNTY_TZ)) == 1

    with clock.frozen_at("2026-03-03 10:00"):
        with pytest.raises(BusinessError) as err:
            return_order(order.number, version=order.version, reason=" ", actor="rsj")
        assert err.value.code == "REQUIRED"  # 退单 needs its reason
        order = return_order(
            order.number, version=order.version, reason="社保卡制卡属县社保中心，非本局窗口", actor="rsj"
        )
        # example data: the centre 改派 within 1 working day → Wed 3-04
        assert (order.status, order.step, order.step_due_on) == (
            HotlineStatus.RETURNED,
            Step.DISPATCH,
            D(2026, 3, 4),
        )
        order = dispatch_order(order.number, version=order.version, department="zsj", actor="centre")
        assert (order.status, order.department.code, order.step_due_on) == (
            HotlineStatus.RECEIVED,
            "zsj",
            D(2026, 3, 4),
        )
    with clock.frozen_at("2026-03-04 09:30"):
        order = sign_order(order.number, version=order.version, actor="zsj")
    # example data: 办理 within 5 working days of 签收 on Wed 3-04: 3-05, 3-06, 3-09, 3-10, 3-11
    assert (order.status, order.step, order.step_due_on) == (
        HotlineStatus.IN_HAND,
        Step.HANDLE,
        D(2026, 3, 11),
    )
    # overdue on Thu 3-12: level 0 (3-11 09:00, late) and level 1 (+1 working day: 3-12 09:00) fire;
    # level 1 flags it (挂牌警示); the list shows it overdue
    assert scan(dt.datetime(2026, 3, 12, 9, 5, tzinfo=clock.COUNTY_TZ)) == 2
    handle = Watch.objects.get(subject_type="HotlineOrder", subject_id=str(order.pk), resolved_at=None)
    assert handle.flagged and [f.late for f in Firing.objects.filter(watch=handle)] == [True, False]
    assert flagged_orders([order.pk]) == {order.pk: True}  # 挂牌警示 shows on the list and the page
    with clock.frozen_at("2026-03-12 09:10"):
        assert [o.number for o in order_list(overdue=True)] == [order.number]

    with clock.frozen_at("2026-03-12 10:00"):
        order = record_handling(
            order.number, version=order.version, handling="已协调社保中心当日制卡", actor="zsj"
        )
    # example data: 答复 within 1 working day → Fri 3-13
    assert (order.status, order.step_due_on) == (HotlineStatus.HANDLED, D(2026, 3, 13))
    with clock.frozen_at("2026-03-13 10:00"):
        order = reply_order(
            order.number,
            version=order.version,
            reply="社保卡已制好，可到窗口领取",
            method="电话",
            actor="zsj",
        )
    # example data: 回访 within 2 working days → 3-16, 3-17
    assert (order.status, order.step_due_on) == (HotlineStatus.REPLIED, D(2026, 3, 17))
    with clock.frozen_at("2026-03-16 10:00"):
        order = record_visit(
            order.number, version=order.version, satisfaction="unsatisfied", note="卡未激活", actor="centre"
        )
    # 不满意 → 重办; example data: 5 working days after Mon 3-16: 3-17 … 3-20, 3-23
    assert (order.status, order.reopened, order.step, order.step_due_on) == (
        HotlineStatus.IN_HAND,
        1,
        Step.HANDLE,
        D(2026, 3, 23),
    )
    with clock.frozen_at("2026-03-17 10:00"):
        order = record_handling(order.number, version=order.version, handling="已现场激活", actor="zsj")
        order = reply_order(order.number, version=order.version, reply="已激活", method="电话", actor="zsj")
        order = record_visit(order.number, version=order.version, satisfaction="satisfied", actor="centre")
    assert (order.status, order.step, order.step_due_on) == (HotlineStatus.CLOSED, "", None)
    assert not Watch.objects.filter(
        subject_type="HotlineOrder", subject_id=str(order.pk), resolved_at=None
    ).exists()
    with pytest.raises(BusinessError) as err:
        sign_order(order.number, version=order.version, actor="zsj")
    assert err.value.code == "INVALID_TRANSITION"
    actions = list(
        AuditEvent.objects.filter(subject_type="HotlineOrder", subject_id=str(order.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "hotline.received",
        "hotline.returned",
        "hotline.dispatched",
        "hotline.signed",
        "hotline.handled",
        "hotline.replied",
        "hotline.reopened",
        "hotline.handled",
        "hotline.replied",
        "hotline.closed",
    ]  # the reminders are the watch's events (escalation.fired), not the order's


def test_the_hotlines_own_due_date_wins_for_handling() -> None:
    with clock.frozen_at("2026-03-02 10:00"):
        order, _ = receive_order(body(dueOn="2026-03-06"), idempotency_key="k-due", actor="hotline12345")
        order = sign_order(order.number, version=order.version, actor="rsj")
    assert order.step_due_on == D(2026, 3, 6)


def test_a_fallback_case_starts_from_an_order_and_links_to_it() -> None:
    order = received()
    with clock.frozen_at("2026-03-02 11:00"):
        case = register_fallback(
            channel="any_window", summary="", applicant_name="", hotline_order=order.number, actor="centre"
        )
    assert (case.channel, case.hotline_ref, case.hotline_order_id, case.applicant_name) == (
        "hotline",
        "KF20260302000123",
        order.pk,
        "王女士",
    )
    assert case.summary.startswith("社保卡补办多次未办成：")
    assert (
        AuditEvent.objects.filter(
            subject_type="HotlineOrder", subject_id=str(order.pk), action="hotline.fallback_registered"
        )
        .values_list("data__fallback", flat=True)
        .get()
        == case.number
    )
    with pytest.raises(BusinessError) as err:
        register_fallback(channel="hotline", summary="x", applicant_name="x", hotline_order="RX0", actor="c")
    assert (err.value.code, err.value.field) == ("NOT_FOUND", "hotline_order")


def test_the_limits_are_the_counties_in_its_pack() -> None:
    text = export_yaml()
    # 通许's preset gives the spec's example defaults, so the canonical export leaves them out
    assert "hotline" not in yaml.safe_load(text) and step_limits() == HotlineSettingsSpec()

    def with_sign(days: int) -> str:
        return text.replace("\nqueues:", f"\nhotline:\n  sign_within_days: {days}\nqueues:", 1)

    with pytest.raises(ValidationErrors) as err:
        apply_text(with_sign(0), actor="tests")
    assert [d.field for d in err.value.details] == ["hotline.sign_within_days"]
    apply_text(with_sign(2), actor="tests")
    assert yaml.safe_load(export_yaml())["hotline"] == {"sign_within_days": 2}
    with clock.frozen_at("2026-03-02 10:00"):
        order, _ = receive_order(body(), idempotency_key="k-limits", actor="hotline12345")
    assert order.step_due_on == D(2026, 3, 4)  # 2 working days after Mon 3-02
