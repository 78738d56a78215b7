"""With the production Content-Security-Policy on (scripts only from the site's own files):
the pages carry the header and no inline handler; a confirmation asked by ``data-confirm``
stops the form when dismissed and sends it when accepted; a filter select sends its form by
``data-autosubmit``; a status lookup guessed at is refused with 429 and a Chinese message."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import DEMO, log_in, new_page

pytestmark = pytest.mark.browser
WS = "/c/150626"
INLINE = "[onclick],[onsubmit],[onchange],[oninput],[onload],a[href^='javascript:']"


def test_pages_work_under_the_content_security_policy(hall: str, browser: Any, shots: Any) -> None:
    page = new_page(browser)
    answer = page.goto(f"{hall}/accounts/login/")
    policy = answer.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert (
        "unsafe-eval" not in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    )
    log_in(page, hall, *DEMO, f"{WS}/accounts/tokens/")
    for path in ("/accounts/tokens/", "/people/", "/manage/work-orders/", "/approvals/", "/admin/calendar/"):
        page.goto(f"{hall}{WS}{path}")
        page.wait_for_load_state("networkidle")
        assert page.locator(INLINE).count() == 0, path

    # data-confirm: dismissed, nothing is sent; accepted, the token is revoked
    page.goto(f"{hall}{WS}/accounts/tokens/")
    page.fill("#name", "CSP 测试令牌")
    page.click("button:has-text('创建令牌')")
    page.wait_for_load_state("networkidle")
    row = page.locator("tr", has_text="CSP 测试令牌")
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    row.locator("button", has_text="撤销").click()
    page.wait_for_timeout(300)
    assert asked and asked[0].startswith("撤销令牌")
    assert "有效" in page.locator("tr", has_text="CSP 测试令牌").inner_text()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("tr", has_text="CSP 测试令牌").locator("button", has_text="撤销").click()
    page.wait_for_load_state("networkidle")
    assert "已撤销" in page.locator("tr", has_text="CSP 测试令牌").inner_text()
    shots(page, "01-token-revoked-after-confirm")

    # data-autosubmit: choosing a status filters the list at once
    page.goto(f"{hall}{WS}/manage/work-orders/")
    with page.expect_navigation():
        page.select_option("#status", index=1)
    assert "status=" in page.url
    shots(page, "02-filter-sent-by-select")


def test_a_guessed_status_lookup_is_refused_in_chinese(hall: str, browser: Any, shots: Any) -> None:
    page = new_page(browser, phone=True)
    for tail in ("1111", "2222", "3333", "4444", "5555"):
        answer = page.goto(f"{hall}{WS}/status/?number=WS-GUESS-1&phone_tail={tail}")
        assert answer.status == 200
    answer = page.goto(f"{hall}{WS}/status/?number=WS-GUESS-1&phone_tail=6666")
    assert answer.status == 429
    text = page.inner_text("main")
    assert "尝试次数过多" in text and "分钟后再试" in text and "WS-GUESS-1" not in text
    shots(page, "01-status-lookup-limited")
