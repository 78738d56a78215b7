"""站内信 in a real browser (乌审旗): the county admin previews a notification template with a
value of their own, sends it to their own inbox as a test; the worker delivers it through the
outbox; the header's badge shows it; the inbox lists it; marked read, the badge goes."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.browser.conftest import DEMO, log_in, new_page

pytestmark = pytest.mark.browser
WS = "/c/150626"


def _flash(page: Any) -> str:
    return page.locator(".flash").first.inner_text()


def test_a_test_message_reaches_the_inbox_and_is_marked_read(hall: str, browser: Any, shots: Any) -> None:
    admin = new_page(browser)
    log_in(admin, hall, *DEMO, f"{WS}/admin/notification-templates/")
    card = admin.locator("#template-express_sent")
    # 000 第十条: 政务快递 + 短信; 【乌审旗政务服务局】 counted: 64 characters, one message
    assert "64 字，1 条" in card.inner_text()
    card.locator("input[name=v_tracking_number]").fill("SF1")
    card.locator("button", has_text="预览").click()
    admin.wait_for_load_state("networkidle")
    card = admin.locator("#template-express_sent")
    assert "运单号SF1。" in card.inner_text() and "54 字，1 条" in card.inner_text()
    shots(admin, "01-template-preview")
    assert admin.locator("#inbox-badge").count() == 0
    admin.click("#test-express_sent")
    admin.wait_for_load_state("networkidle")
    assert "已试发到您的站内信" in _flash(admin)
    deadline = time.monotonic() + 90  # the worker sends it (after commit, or the next beat)
    while admin.locator("#inbox-badge").count() == 0:
        assert time.monotonic() < deadline, "the test message never reached the inbox"
        time.sleep(1)
        admin.reload()
    assert admin.locator("#inbox-badge").inner_text() == "1"
    shots(admin, "02-badge")
    admin.click("#inbox-link")
    admin.wait_for_load_state("networkidle")
    row = admin.locator("#inbox tr.unread")
    assert row.count() == 1 and "试发：政务快递寄出通知" in row.inner_text()
    shots(admin, "03-inbox")
    row.locator("input[name=id]").check()
    admin.click("#mark-selected")
    admin.wait_for_load_state("networkidle")
    assert "已标为已读 1 条" in _flash(admin)
    assert admin.locator("#inbox-badge").count() == 0 and admin.locator("#inbox tr.unread").count() == 0
    assert "已读" in admin.locator("#inbox").inner_text()
    shots(admin, "04-read")
    admin.goto(f"{hall}{WS}/manage/notifications/")
    assert "发送失败的通知" in admin.content()
    shots(admin, "05-dead-letters")
