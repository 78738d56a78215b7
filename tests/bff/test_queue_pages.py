"""取号叫号 pages: the kiosk, the ticket, the caller page into a case, the display, booking
through the signed link, the 询导 desk; another county's clerk gets nothing."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client

from onewindow.tenants.queueing.models import Appointment, Ticket
from tests.bff.helpers import VALID_USCC, get, logged_in, post
from tests.tenants.queue_helpers import MONDAY, at

pytestmark = pytest.mark.django_db
WL = "/c/331081"


@pytest.fixture
def wl(wenling):  # type: ignore[no-untyped-def]
    connection.set_tenant(wenling)
    return wenling


def test_kiosk_ticket_call_display_and_case(wl, wushen) -> None:  # type: ignore[no-untyped-def]
    public = Client()
    with at("10:00"):
        page = get(public, f"{WL}/q/kiosk/")
        assert page.status_code == 200 and "综合受理" in page.content.decode()
        taken = post(public, f"{WL}/q/kiosk/", {"queue": "A", "group": ""})
        assert taken.status_code == 302
        ticket_page = get(public, taken["Location"]).content.decode()
        assert "A001" in ticket_page and "您前面还有" in ticket_page and "<svg" in ticket_page
        clerk = logged_in(wl, "intake_clerk")
        assert post(clerk, f"{WL}/queue/w/ZH01/call", {}).status_code == 302
        desk = get(clerk, f"{WL}/queue/w/ZH01/").content.decode()
        assert "A001" in desk and "重呼" in desk
        feed = get(public, f"{WL}/display/feed").content.decode()
        assert "A001" in feed and 'data-latest-text="请A001号到1号窗口办理"' in feed
        ticket = Ticket.objects.get(number="A001", day=MONDAY)
        token = re.search(r'name="ticket" value="([^"]+)"', desk).group(1)  # type: ignore[union-attr]
        received = post(
            clerk,
            f"{WL}/intake/receive",
            {
                "item": "QY-SL",
                "kind": "enterprise",
                "name": "温岭某某有限公司",
                "idNumber": VALID_USCC,
                "phone": "13800138000",
                "window": "ZH01",
                "provided": ["sqs", "zc"],
                "ticket": token,
                "idempotency_key": "queue-page-test",
            },
        )
        assert received.status_code == 302, received.content.decode()[:2000]
        ticket.refresh_from_db()
        assert ticket.status == "done" and ticket.case is not None
        other = logged_in(wushen, "intake_clerk")
        assert get(other, f"{WL}/queue/w/ZH01/").status_code == 403


def test_caller_errors_show_and_change_nothing(wl) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wl, "intake_clerk")
    with at("10:00"):
        answer = post(clerk, f"{WL}/queue/w/ZH01/call", {})
        assert "现在没有人等候" in get(clerk, answer["Location"]).content.decode()
        post(clerk, f"{WL}/queue/w/ZH01/pause", {})
        page = get(clerk, f"{WL}/queue/w/ZH01/").content.decode()
        assert "暂停叫号中" in page
        answer = post(clerk, f"{WL}/queue/w/ZH01/call", {})
        assert "WINDOW_PAUSED" in get(clerk, answer["Location"]).content.decode()
    approver = logged_in(wl, "approver")
    assert get(approver, f"{WL}/queue/w/ZH01/").status_code == 403


def test_booking_cancel_and_check_in(wl) -> None:  # type: ignore[no-untyped-def]
    public = Client()
    with at("07:00"):
        form = get(public, f"{WL}/book/?queue=A&day={MONDAY}").content.decode()
        assert "08:30–09:00" in form
        bad = post(
            public,
            f"{WL}/book/",
            {
                "queue": "A",
                "day": str(MONDAY),
                "start": "08:30:00",
                "name": "李四",
                "idNumber": "123",
                "phone": "13800138000",
            },
        )
        assert bad.status_code == 400 and "INVALID_ID_NUMBER" in bad.content.decode()
        assert not Appointment.objects.exists()
        booked = post(
            public,
            f"{WL}/book/",
            {
                "queue": "A",
                "day": str(MONDAY),
                "start": "08:30:00",
                "name": "李四",
                "idNumber": "331081199001011234",
                "phone": "13800138000",
            },
        )
        assert booked.status_code == 302
        link = booked["Location"]
        assert "已预约" in get(public, link).content.decode()
    with at("08:10"):
        staff = logged_in(wl, "guide")
        listing = get(staff, f"{WL}/queue/appointments/").content.decode()
        assert "李四" in listing and "331***********1234" in listing
        kiosk = post(public, f"{WL}/q/kiosk/", {"action": "check_in", "idNumber": "331081199001011234"})
        assert kiosk.status_code == 302 and "A001" in get(public, kiosk["Location"]).content.decode()
    assert Appointment.objects.get().status == "checked_in"
    assert get(public, f"{WL}/a/forged-token").status_code == 404


def test_guide_desk_and_statistics(wl) -> None:  # type: ignore[no-untyped-def]
    guide = logged_in(wl, "guide")
    with at("10:00"):
        taken = post(guide, f"{WL}/queue/guide/", {"queue": "V", "group": "elderly"})
        assert taken.status_code == 302
        assert "V001" in get(guide, f"{WL}/queue/guide/").content.decode()
    manager = logged_in(wl, "centre_manager")
    with at("11:00"):
        page = get(manager, f"{WL}/queue/stats/?start={MONDAY}&end={MONDAY}").content.decode()
    assert "窗口配置建议" in page and "增值服务" in page
