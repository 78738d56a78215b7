"""取号叫号 in a real browser, in 温岭市: the admin opens an evening session (延时服务) through
the pack page so the hall is open whatever the hour; an applicant takes a ticket at the kiosk,
a clerk calls it at ZH01, the hall display shows and announces it, the clerk receives the case
for that ticket; an applicant books online and checks in at the kiosk."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from tests.bff.helpers import VALID_USCC
from tests.browser.conftest import DEMO, log_in, new_page
from tests.browser.test_hall_flow import _create_account

pytestmark = pytest.mark.browser
WL = "/c/331081"


def _open_now(admin: Any, hall: str) -> None:
    """Add an extra interval covering the present hour, every day (unless already open)."""
    now = dt.datetime.now(ZoneInfo("Asia/Shanghai"))
    admin.goto(f"{hall}{WL}/admin/pack/")
    pack = yaml.safe_load(admin.input_value("#document"))
    rules = pack["queueing"]
    regular = {d: h["intervals"] for h in rules["hours"] for d in h["days"]}
    spans = [tuple(iv.split("-")) for iv in regular.get(now.isoweekday(), [])]
    hhmm = now.strftime("%H:%M")
    # 10-minute slots: whatever the hour, a slot starts within ten minutes (check-in opens 30
    # minutes before it) — until the last ten minutes before midnight, when no session can run on
    rules.setdefault("appointments", {})["slot_minutes"] = 10
    rules["extra_hours"] = []
    if not any(a <= hhmm < b for a, b in spans):
        start = max([b for _a, b in spans if b <= hhmm], default="00:00")
        end = min([a for a, _b in spans if a > hhmm], default="23:59")
        rules["extra_hours"].append(
            {"days": [now.isoweekday()], "intervals": [f"{start}-{end}"], "note": "延时服务（浏览器测试）"}
        )
    # and tomorrow from midnight: just before midnight, the first bookable slot (with check-in
    # open 30 minutes before it) is tomorrow's at 00:00
    tomorrow = now.isoweekday() % 7 + 1
    first = min([iv.split("-")[0] for iv in regular.get(tomorrow, [])], default="23:59")
    if first > "00:00" and tomorrow != now.isoweekday():
        rules["extra_hours"].append(
            {
                "days": [tomorrow],
                "intervals": [f"00:00-{min(first, '06:00')}"],
                "note": "延时服务（浏览器测试）",
            }
        )
    admin.fill("#document", yaml.safe_dump(pack, allow_unicode=True, sort_keys=False))
    admin.click("#preview-pack")
    admin.wait_for_selector("#apply-pack")
    admin.click("#apply-pack")
    admin.wait_for_load_state("networkidle")


def test_kiosk_ticket_called_displayed_and_served_into_a_case(hall: str, browser: Any, shots: Any) -> None:
    admin = new_page(browser)
    log_in(admin, hall, *DEMO)
    _open_now(admin, hall)
    _create_account(admin, hall, "331081", "wl-queue", "温岭叫号员", "intake_clerk", "Hall-queue-2026")

    display = new_page(browser)
    display.goto(f"{hall}{WL}/display/")
    display.click("#sound-on")  # a browser speaks only after a click on the page
    before = display.get_attribute("body", "data-announced")

    kiosk = new_page(browser)
    kiosk.goto(f"{hall}{WL}/q/kiosk/")
    shots(kiosk, "01-kiosk")
    kiosk.click("button.kiosk-queue[value=A]")
    kiosk.wait_for_selector(".ticket-number")
    number = kiosk.inner_text(".ticket-number")
    assert (
        re.fullmatch(r"A\d{3}", number)
        and "您前面还有" in kiosk.content()
        and kiosk.locator(".ticket svg").count() == 1
    )
    shots(kiosk, "02-ticket-80mm")
    kiosk.emulate_media(media="print")
    shots(kiosk, "03-ticket-print")
    kiosk.emulate_media(media="screen")

    clerk = new_page(browser)
    log_in(clerk, hall, "wl-queue", "Hall-queue-2026", f"{WL}/queue/w/ZH01/")
    while True:  # earlier tests may have left tickets waiting: call until ours
        clerk.click("#call-next")
        clerk.wait_for_selector(".desk-number")
        if clerk.inner_text(".desk-number") == number:
            break
        clerk.click("text=咨询办结")
    shots(clerk, "04-caller-page")

    # polled from here: the page's CSP forbids the string evaluation wait_for_function would need
    for _ in range(100):
        if display.get_attribute("body", "data-announced") != before:
            break
        display.wait_for_timeout(100)
    display.locator(".board-number", has_text=number).first.wait_for(timeout=10000)
    assert display.get_attribute("body", "data-last-announcement") == f"请{number}号到1号窗口办理"
    shots(display, "05-hall-display")

    clerk.click("text=已到，开始办理")
    clerk.click("text=收件（综合受理）")
    clerk.fill("input[name=q]", "QY-SL")
    clerk.wait_for_selector("#item-results a")
    clerk.click("#item-results a")
    clerk.wait_for_selector("#receive-form")
    assert "本次收件记入叫到的号票" in clerk.content()
    clerk.select_option("#kind", "enterprise")
    clerk.fill("#name", "温岭叫号浏览器测试有限公司")
    clerk.fill("#idNumber", VALID_USCC)
    clerk.fill("#phone", "13912345678")
    assert clerk.input_value("#window") == "ZH01"  # the window that called the ticket, preselected
    clerk.check("#m-sqs")
    clerk.check("#m-zc")
    shots(clerk, "06-intake-for-ticket")
    clerk.click("#receive-form button[type=submit]")
    clerk.wait_for_load_state("networkidle")
    assert "已收件" in clerk.content()
    clerk.goto(f"{hall}{WL}/queue/w/ZH01/")
    assert "当前没有叫到的号" in clerk.content()  # the ticket was finished with the case
    kiosk.reload()
    assert "已办结" in kiosk.content()


def test_book_online_and_check_in_at_the_kiosk(hall: str, browser: Any, shots: Any) -> None:
    phone = new_page(browser, phone=True)
    phone.goto(f"{hall}{WL}/book/")
    with phone.expect_navigation():
        phone.select_option("#queue", "A")
    now = dt.datetime.now(ZoneInfo("Asia/Shanghai"))
    day = now.date() if now.strftime("%H:%M") < "23:30" else now.date() + dt.timedelta(days=1)
    with phone.expect_navigation():
        phone.select_option("#day", day.isoformat())
    slots = phone.locator("input[name=start]:not([disabled])")
    assert slots.count() > 0, "the extra session gives a slot that starts within the check-in window"
    slots.first.check()
    phone.fill("#name", "李预约")
    phone.fill("#idNumber", "331081199001011234")
    phone.fill("#phone", "13800138000")
    shots(phone, "01-booking")
    phone.click("text=提交预约")
    phone.wait_for_load_state("networkidle")
    assert "已预约" in phone.content()
    shots(phone, "02-my-booking")

    kiosk = new_page(browser)
    kiosk.goto(f"{hall}{WL}/q/kiosk/")
    kiosk.fill(".kiosk-checkin input[name=idNumber]", "331081199001011234")
    kiosk.click("text=预约签到")
    kiosk.wait_for_selector(".ticket-number")
    assert kiosk.inner_text(".ticket-queue") == "综合受理"
    shots(kiosk, "03-checked-in-ticket")
    phone.reload()
    assert "已签到" in phone.content()
