"""容缺与告知承诺 and the result hand-over, in a real browser (003 二(二)4; 000 第九条):
the clerk accepts a case with a tolerated material and a pledge, follows both up in the
承诺台账 (材料补齐, 未履行), the approver decides and hands the result to the 综合出件 window,
the window signs for it and issues, and the case's timeline tells the story."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import chinese_calendar
import pytest

from onewindow.platform.core import clock
from tests.browser.conftest import DEMO, log_in, new_page

# its own applicant: test_hall_flow files another company under 91150626MA0N12345A (one ID, one name)
COMMITMENTS_USCC = "91150626MA0N543219"  # check digit right (GB 32100)

pytestmark = pytest.mark.browser
WS = "/c/150626"
PLEDGE = "承诺在约定日期前提交消防安全检查合格意见"


def _flash(page: Any) -> str:
    return page.locator(".flash").first.inner_text()


def _working_days_ahead(n: int) -> list[str]:
    """The next ``n`` working days of the national calendar after the county's today."""
    day, out = clock.today(), []
    while len(out) < n:
        day += dt.timedelta(days=1)
        if chinese_calendar.is_workday(day):
            out.append(day.isoformat())
    return out


def _account(page: Any, base: str, username: str, name: str, role: str, password: str) -> None:
    """An account in 乌审旗 (one another browser test made already is fine: same password)."""
    page.goto(f"{base}{WS}/people/")
    page.click("#open-create")
    page.fill("#username", username)
    page.fill("#displayName", name)
    page.check(f"#create-dialog input[name=roles][value={role}]")
    page.fill("#password", password)
    page.click("#create-account")
    page.wait_for_load_state("networkidle")


def test_commitments_followed_up_and_the_result_handed_to_the_issuance_window(
    hall: str, browser: Any, shots: Any
) -> None:
    tolerance_due, pledge_due = _working_days_ahead(2)
    admin = new_page(browser)
    log_in(admin, hall, *DEMO)
    _account(admin, hall, "cm-clerk", "王敏", "intake_clerk", "Hall-cm-2026")
    # demo-scjg is 市场监管's approver on the roster (test_hall_flow makes the same account)
    _account(admin, hall, "demo-scjg", "市场监管审批员", "approver", "Hall-appr-2026")

    clerk = new_page(browser)
    log_in(clerk, hall, "cm-clerk", "Hall-cm-2026", f"{WS}/intake/?item=QY-SL")
    clerk.wait_for_selector("#receive-form")
    clerk.select_option("#kind", "enterprise")
    clerk.fill("#name", "乌审旗容缺测试商贸有限公司")
    clerk.fill("#idNumber", COMMITMENTS_USCC)
    clerk.select_option("#window", "ZC01")
    clerk.check("#m-sqs")
    clerk.check("#m-zc")  # 住所使用证明 (zs) missing: the item allows 容缺
    clerk.click("#receive-form button[type=submit]")
    clerk.wait_for_load_state("networkidle")
    number = re.search(r"办件编号 (\S+)", _flash(clerk)).group(1)  # type: ignore[union-attr]
    clerk.check("input[name=tolerate][value=zs]")
    clerk.fill("#tolerance_due_on", tolerance_due)
    clerk.fill("#pledge_content", PLEDGE)
    clerk.fill("#pledge_due_on", pledge_due)
    shots(clerk, "01-accept-with-tolerance-and-pledge")
    clerk.click("#accept-case")
    clerk.wait_for_load_state("networkidle")
    assert "已受理" in _flash(clerk)
    assert PLEDGE in clerk.locator("#case-commitments").inner_text()
    shots(clerk, "02-accepted-with-commitments")

    clerk.click("text=到承诺台账登记补齐或未履行")
    clerk.wait_for_load_state("networkidle")
    table = clerk.locator("#commitments")
    assert tolerance_due in table.inner_text() and pledge_due in table.inner_text()
    shots(clerk, "03-commitment-ledger")
    row = clerk.locator("tr", has_text="住所使用证明").filter(has_text=number)
    row.locator("input[name=note]").fill("已补交租赁合同原件")
    row.locator("button", has_text="材料补齐").click()
    clerk.wait_for_load_state("networkidle")
    assert "已登记履行" in _flash(clerk)
    row = clerk.locator("tr", has_text=PLEDGE).filter(has_text=number)
    row.locator("button", has_text="未履行").click()  # no reason: refused beside the form
    clerk.wait_for_load_state("networkidle")
    assert "REQUIRED" in clerk.locator("tr", has_text=PLEDGE).filter(has_text=number).inner_text()
    row = clerk.locator("tr", has_text=PLEDGE).filter(has_text=number)
    row.locator("input[name=reason]").fill("申请人声明无法按期取得")
    row.locator("button", has_text="未履行").click()
    clerk.wait_for_load_state("networkidle")
    assert "已登记未履行" in _flash(clerk)
    clerk.goto(f"{hall}{WS}/manage/commitments/?show=all")
    mine = clerk.locator("tr", has_text=number)
    assert "已履行" in mine.filter(has_text="住所使用证明").inner_text()
    assert "未履行" in mine.filter(has_text=PLEDGE).inner_text()
    shots(clerk, "04-ledger-fulfilled-and-broken")

    approver = new_page(browser)
    log_in(approver, hall, "demo-scjg", "Hall-appr-2026", f"{WS}/approvals/cases/{number}/")
    approver.click("#approve")
    approver.wait_for_load_state("networkidle")
    assert "请将办理结果移交综合出件窗口" in _flash(approver)
    assert "尚未移交" in approver.locator("#result-handover").inner_text()
    shots(approver, "05-decided-to-hand-over")
    approver.click("#hand-over")
    approver.wait_for_load_state("networkidle")
    assert "已移交综合出件窗口" in _flash(approver)
    assert "demo-scjg" in approver.locator("#result-handover").inner_text()

    clerk.goto(f"{hall}{WS}/issuance/")
    row = clerk.locator("tr", has_text=number)
    assert "已移交" in row.inner_text()
    shots(clerk, "06-issuance-handed-over")
    row.locator("button", has_text="签收").click()
    clerk.wait_for_load_state("networkidle")
    assert f"{number} 的办理结果已签收" in _flash(clerk)
    row = clerk.locator("tr", has_text=number)
    assert "已签收" in row.inner_text()
    row.locator("select[name=window]").last.select_option("CJ01")
    row.locator("button", has_text="出件").click()
    clerk.wait_for_load_state("networkidle")
    assert f"{number} 已出件" in _flash(clerk)

    clerk.goto(f"{hall}{WS}/cases/{number}/")
    story = clerk.locator("table.list").inner_text()
    for step in (
        "承诺已履行（容缺材料补齐）",
        "承诺未履行（已记录）",
        "审批部门移交办理结果至综合出件窗口",
        "综合出件窗口签收办理结果",
        "出件",
    ):
        assert step in story, step
    shots(clerk, "07-timeline")
