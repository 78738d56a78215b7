"""The hall's day in a real browser: an admin gives people accounts, a clerk receives a case,
prints the one-time notice, accepts it and prints the receipt, an approver decides, the issuance window issues,
the applicant opens the receipt's QR link on a phone and reviews; 温岭 sees nothing of 乌审旗."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.bff.helpers import VALID_USCC
from tests.browser.conftest import DEMO, log_in, new_page
from tests.pdf_helpers import pdf_text, qr_links

pytestmark = pytest.mark.browser
WS = "/c/150626"


def _flash(page: Any) -> str:
    return page.locator(".flash").first.inner_text()


def _create_account(
    page: Any, base: str, county: str, username: str, name: str, role: str, password: str
) -> None:
    page.goto(f"{base}/c/{county}/people/")
    if page.get_by_text(username, exact=True).count():
        return  # another browser test made it already, with the same password (test_commitments_flow)
    page.click("#open-create")
    page.fill("#username", username)
    page.fill("#displayName", name)
    page.check(f"#create-dialog input[name=roles][value={role}]")
    page.fill("#password", password)
    page.click("#create-account")
    page.wait_for_load_state("networkidle")
    assert f"已开通账号 {username}" in _flash(page)


def test_a_case_from_the_window_to_the_applicants_review(hall: str, browser: Any, shots: Any) -> None:
    admin = new_page(browser)
    log_in(admin, hall, *DEMO)
    assert "选择县" in admin.title() and "乌审旗" in admin.content()
    shots(admin, "01-county-picker")
    _create_account(admin, hall, "150626", "ws-clerk", "张丽", "intake_clerk", "Hall-clerk-2026")
    # demo-scjg is on 乌审旗's roster as 市场监管's approver: the account makes the login.
    _create_account(admin, hall, "150626", "demo-scjg", "市场监管审批员", "approver", "Hall-appr-2026")
    _create_account(admin, hall, "331081", "wl-clerk", "温岭收件员", "intake_clerk", "Hall-wl-2026")
    shots(admin, "02-people")

    clerk = new_page(browser)
    log_in(clerk, hall, "ws-clerk", "Hall-clerk-2026", f"{WS}/intake/")
    assert "综合受理" in clerk.content() and "人员与权限" not in clerk.content()
    clerk.fill("input[name=q]", "QY-SL")
    clerk.wait_for_selector("#item-results a")
    clerk.click("#item-results a")
    clerk.wait_for_selector("#receive-form")
    clerk.select_option("#kind", "enterprise")
    clerk.fill("#name", "乌审旗浏览器测试科技有限公司")
    clerk.fill("#idNumber", VALID_USCC)
    clerk.fill("#phone", "13912345678")
    clerk.select_option("#window", "ZC01")
    clerk.check("#m-sqs")
    clerk.check("#m-zs")  # 公司章程 (zc) left out: the notice must list it
    shots(clerk, "03-receive-form")
    clerk.click("#receive-form button[type=submit]")
    clerk.wait_for_load_state("networkidle")
    assert "已收件，办件编号" in _flash(clerk)
    number = re.search(r"办件编号 (\S+)", _flash(clerk)).group(1)  # type: ignore[union-attr]
    clerk.click("#issue-notice")
    clerk.wait_for_load_state("networkidle")
    assert "已出具一次性告知书" in _flash(clerk)
    pdf = clerk.request.get(hall + clerk.get_attribute("#print-notice", "href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    shots(clerk, "04-notice-issued")
    clerk.check("input[name=provided][value=zc]")
    clerk.click("text=登记补正材料")
    clerk.wait_for_load_state("networkidle")
    clerk.click("#accept-case")
    clerk.wait_for_load_state("networkidle")
    assert "已受理" in _flash(clerk)
    shots(clerk, "05-accepted")
    # the print button right after 受理: the 受理回执, whose QR code is the applicant's link
    pdf = clerk.request.get(hall + clerk.get_attribute("#print-receipt", "href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    receipt_text = pdf_text(pdf.body())
    assert number in receipt_text and "经办人：张丽" in receipt_text and "ws-clerk" not in receipt_text
    [receipt] = qr_links(pdf.body(), "hall-flow-receipt")
    assert receipt.startswith(f"{hall}{WS}/r/")
    narrow = clerk.request.get(hall + clerk.get_attribute("#print-receipt-80", "href"))
    [narrow_link] = qr_links(narrow.body(), "hall-flow-receipt-80mm")
    assert narrow.status == 200 and narrow_link.rsplit(":", 2)[0] == receipt.rsplit(":", 2)[0]  # signed anew

    approver = new_page(browser)
    log_in(approver, hall, "demo-scjg", "Hall-appr-2026", f"{WS}/approvals/")
    approver.click(f"text={number}")
    shots(approver, "06-approval")
    approver.click("#approve")
    approver.wait_for_load_state("networkidle")
    assert "已办结" in _flash(approver)

    clerk.goto(f"{hall}{WS}/issuance/")
    row = clerk.locator("tr", has_text=number)
    row.locator("select[name=window]").select_option("CJ01")
    row.locator("select[name=delivery]").select_option("pickup")
    shots(clerk, "07-issuance")
    row.locator("button", has_text="出件").click()
    clerk.wait_for_load_state("networkidle")
    assert f"{number} 已出件" in _flash(clerk)

    phone = new_page(browser, phone=True)
    phone.goto(receipt)  # as the phone's camera opened it from the printed receipt
    assert "已出件" in phone.content() and "91150626" not in phone.content()
    phone.check("input[name=level][value='5']")
    shots(phone, "08-receipt-on-a-phone")
    phone.click("text=提交评价")
    phone.wait_for_load_state("networkidle")
    assert "感谢您的评价" in phone.content()

    # 温岭's clerk: nothing of 乌审旗 through any page or download URL.
    other = new_page(browser)
    log_in(other, hall, "wl-clerk", "Hall-wl-2026", "/c/331081/")
    for path in (f"{WS}/intake/", f"{WS}/cases/{number}/", f"{WS}/intake/cases/{number}/", f"{WS}/people/"):
        response = other.goto(f"{hall}{path}")
        assert response.status == 403, path
        assert number not in other.content() and "乌审旗浏览器测试" not in other.content()
    notice = other.request.get(f"{hall}{WS}/notices/{number}-G1.pdf")
    assert notice.status in (401, 403) and b"%PDF" not in notice.body()
    shots(other, "09-other-county-refused")
