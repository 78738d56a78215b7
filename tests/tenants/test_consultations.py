"""首问负责 (温岭 002 五(一): 各窗口建立并完善首问责任制，明确具体责任人; 通许 004 第十五条
首问负责; 乌审旗 003 二(二)4 and 000 第五条 首问负责): the staff member first asked answers for the
consultation until it is handed on; each hand-on says to whom, why and when; whoever holds it
answers.

Worked from 通许's preset roster (example data): S001 张敏 at FL-QY, S002 李强 at FL-SB, S003 赵磊
at BBCS (办不成事监督窗口)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.consultations.models import ConsultationStatus
from onewindow.tenants.consultations.services import answer_consultation, hand_on, record_consultation
from onewindow.tenants.hall.models import StaffMember, Window
from onewindow.tenants.queueing.models import Queue, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_tongxu(tongxu):  # type: ignore[no-untyped-def]
    connection.set_tenant(tongxu)


def test_the_first_asked_is_responsible_until_handed_on() -> None:
    # the account of S001 (linked by username) is asked at her window: she is the 首问责任人
    StaffMember.objects.filter(code="S001").update(username="zhangmin")
    with clock.frozen_at("2026-03-02 09:10"):
        c = record_consultation(topic="个体户转企业要带什么材料？", channel="window", actor="zhangmin")
    assert (c.first_asked.code, c.responsible.code, c.window.code) == ("S001", "S001", "FL-QY")

    with clock.frozen_at("2026-03-02 09:20"):
        with pytest.raises(BusinessError) as err:
            hand_on(c.number, version=c.version, to="S002", reason=" ", actor="zhangmin")
        assert err.value.code == "REQUIRED"  # a hand-on says why
        with pytest.raises(BusinessError) as err:
            hand_on(c.number, version=c.version, to="S001", reason="x", actor="zhangmin")
        assert err.value.code == "SAME_STAFF"
        first = hand_on(
            c.number, version=c.version, to="S002", reason="涉及社保登记，转社保窗口", actor="zhangmin"
        )
    c.refresh_from_db()
    assert (c.first_asked.code, c.responsible.code) == ("S001", "S002")  # 首问 stays, responsibility moves
    # S001 no longer answers for it: only the person responsible acts on it
    with pytest.raises(BusinessError) as err:
        answer_consultation(c.number, version=c.version, answer="x", actor="zhangmin")
    assert err.value.code == "NOT_RESPONSIBLE"
    # an account not on the roster (the shared 询导台 account) records for whoever is responsible
    with clock.frozen_at("2026-03-02 09:40"):
        second = hand_on(
            c.number,
            version=c.version,
            to="S003",
            reason="跨部门无人牵头，转办不成事监督窗口",
            actor="guide-desk",
        )
        c.refresh_from_db()
        c = answer_consultation(
            c.number, version=c.version, answer="已登记办不成事并答复", actor="guide-desk"
        )
    assert (c.status, c.first_asked.code, c.responsible.code) == (ConsultationStatus.ANSWERED, "S001", "S003")
    chain = [
        (h.from_staff.code, h.to_staff.code, h.reason, h.recorded_by) for h in c.handovers.order_by("id")
    ]
    assert chain == [
        ("S001", "S002", "涉及社保登记，转社保窗口", "zhangmin"),
        ("S002", "S003", "跨部门无人牵头，转办不成事监督窗口", "guide-desk"),
    ]
    assert [first.handed_at.isoformat(), second.handed_at.isoformat()] == [
        "2026-03-02T01:20:00+00:00",
        "2026-03-02T01:40:00+00:00",
    ]  # when, in UTC (09:20 and 09:40 county time)
    assert list(
        AuditEvent.objects.filter(subject_type="Consultation", subject_id=str(c.pk))
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "consultation.recorded",
        "consultation.handed_on",
        "consultation.handed_on",
        "consultation.answered",
    ]
    with pytest.raises(BusinessError) as err:
        hand_on(c.number, version=c.version, to="S001", reason="x", actor="guide-desk")
    assert err.value.code == "INVALID_TRANSITION"


def test_an_account_off_the_roster_names_the_first_asked_and_the_ticket() -> None:
    with pytest.raises(BusinessError) as err:
        record_consultation(topic="营业时间？", channel="guide_desk", actor="guide-desk")
    assert (err.value.code, err.value.field) == ("STAFF_REQUIRED", "staff")
    # a walk-in consultation at a window, with the ticket that window called (queueing)
    now = clock.now()
    Ticket.objects.create(
        queue=Queue.objects.get(code="T"), day=dt.date(2026, 3, 2), seq=1, number="T001", source="kiosk",
        taken_at=now, order_at=now, window=Window.objects.get(code="YSJB"),
    )  # fmt: skip
    with pytest.raises(BusinessError) as err:
        record_consultation(
            topic="x", channel="window", staff="S003", visit_ref="T009-20260302", actor="desk"
        )
    assert (err.value.code, err.value.field) == ("NOT_FOUND", "visit_ref")
    c = record_consultation(
        topic="营业时间？", channel="window", staff="S003", visit_ref="T001-20260302", actor="guide-desk"
    )
    assert (c.first_asked.code, c.responsible.code, c.window.code, c.visit_ref) == (
        "S003",
        "S003",
        "YSJB",
        "T001-20260302",
    )
