"""12345 工单 (有诉即办, 通许 004 第二十条) and 首问负责 (002 五(一), 004 第十五条) in a real browser.

The county admin gives the centre's 督查科 an account (督查人员 — 温岭 002 三(二): the centre's
督查科 takes the hotline's transfers — and 导服人员 for the 询导台); its API token is the 12345
platform's credential. The platform POSTs an order over real HTTP with an Idempotency-Key, twice:
one order. In the browser the 督查科 signs it, records the handling, answers the citizen, records
an unsatisfied 回访 (the order is reopened for 重办), handles and answers again, and a satisfied
回访 closes it; the timeline tells the whole story. Then 首问负责: a consultation at the 询导台 is
recorded with 张敏 (S001, 通许's example roster) responsible, handed on to 李强 (S002) with a
reason; the page shows who is responsible now and the chain.

Step limits are 通许's example data (the seed gives none): 签收 1, 办理 5, 答复 1, 回访 2, 重办 5
working days — the page shows them."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import uuid
from typing import Any

import pytest

from tests.browser.conftest import DEMO, log_in, new_page

pytestmark = pytest.mark.browser
TX = "/c/410222"


def deliver(base: str, token: str, key: str, body: dict[str, Any]) -> tuple[int, dict[str, Any], str]:
    request = urllib.request.Request(
        f"{base}{TX}/api/12345/orders",
        data=json.dumps(body, ensure_ascii=False).encode(),
        headers={
            "Authorization": f"Bearer {token}",
            "Idempotency-Key": key,
            "Content-Type": "application/json",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read()), answer.headers.get("Idempotent-Replayed", "")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), ""


def test_a_12345_order_from_receipt_to_closure_and_first_asked(hall: str, browser: Any, shots: Any) -> None:
    admin = new_page(browser)
    log_in(admin, hall, *DEMO)
    admin.goto(f"{hall}{TX}/people/")
    admin.click("#open-create")
    admin.fill("#username", "tx-duchake")
    admin.fill("#displayName", "督查科 王芳")
    admin.check("#create-dialog input[name=roles][value=supervisor]")
    admin.check("#create-dialog input[name=roles][value=guide]")
    admin.fill("#password", "Hall-hotline-2026")
    admin.click("#create-account")
    admin.wait_for_load_state("networkidle")
    assert "已开通账号 tx-duchake" in admin.locator(".flash").first.inner_text()

    page = new_page(browser)
    log_in(page, hall, "tx-duchake", "Hall-hotline-2026", f"{TX}/accounts/tokens/")
    page.goto(f"{hall}{TX}/accounts/tokens/")
    page.fill("#name", "12345 平台对接")
    page.click("button:has-text('创建令牌')")
    page.wait_for_load_state("networkidle")
    found = re.search(r"ow_[A-Za-z0-9_\-]+", page.locator(".flash").first.inner_text())
    assert found, page.locator(".flash").first.inner_text()
    token = found.group(0)

    # the 12345 platform delivers, then retries the same delivery: one order
    hotline_number = f"KF{uuid.uuid4().hex[:12].upper()}"
    body = {
        "hotlineNumber": hotline_number,
        "kind": "complaint",
        "title": "社保卡补办多次未办成",
        "content": "来电人反映补办社保卡跑了三次仍未办成。",
        "applicant": {"name": "王女士", "phone": "13903781234"},
        "dispatchedAt": "2026-12-01T09:40:00+08:00",
        "department": "rsj",
    }
    key = f"dispatch-{hotline_number}"
    status, first, replayed = deliver(hall, token, key, body)
    assert (status, replayed) == (201, "false"), first
    status, again, replayed = deliver(hall, token, key, body)
    assert (status, replayed) == (200, "true") and again == first
    status, refused, _ = deliver(hall, token, key, {**body, "title": "别的事"})
    assert status == 409 and refused["errors"][0]["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    number = first["order"]["number"]

    page.goto(f"{hall}{TX}/manage/hotline/")
    rows = page.locator(f"#hotline-orders tr[data-order='{number}']")
    assert rows.count() == 1  # one order for the two deliveries
    row = rows.first.inner_text()
    assert "签收" in row and "待签收" in row and "县人力资源和社会保障局" in row
    assert "签收 1，办理 5，答复 1，回访 2，重办 5" in page.locator(".toolbar").inner_text()
    shots(page, "01-list-by-step-and-due-date")

    page.click(f"a:has-text('{number}')")
    page.wait_for_load_state("networkidle")
    assert "139****1234" in page.locator("dl.facts").inner_text()
    page.click("#hotline-sign")
    page.wait_for_load_state("networkidle")
    assert "已签收" in page.locator(".flash").first.inner_text()
    assert "办理" in page.locator("#hotline-step").inner_text()
    page.fill("#handling", "已协调县社保中心当日制卡")
    page.click("#hotline-handle")
    page.wait_for_load_state("networkidle")
    page.select_option("#method", "电话")
    page.fill("#reply", "社保卡已制好，可到社保窗口领取")
    page.click("#hotline-reply")
    page.wait_for_load_state("networkidle")
    assert "回访" in page.locator("#hotline-step").inner_text()
    shots(page, "02-replied-waiting-for-the-visit")

    page.fill("#note", "卡未激活，群众不满意")
    page.click("button[name=satisfaction][value=UNSATISFIED]")
    page.wait_for_load_state("networkidle")
    assert "不满意，已退回重办" in page.locator(".flash").first.inner_text()
    status_text = page.locator("#hotline-status").inner_text()
    assert "办理中" in status_text and "重办 1 次" in status_text
    shots(page, "03-unsatisfied-reopened")

    page.fill("#handling", "已现场激活社保卡")
    page.click("#hotline-handle")
    page.wait_for_load_state("networkidle")
    page.fill("#reply", "社保卡已激活")
    page.click("#hotline-reply")
    page.wait_for_load_state("networkidle")
    page.click("button[name=satisfaction][value=SATISFIED]")
    page.wait_for_load_state("networkidle")
    assert "已办结" in page.locator("#hotline-status").inner_text()
    assert page.locator("#hotline-sign, #hotline-handle, #hotline-reply").count() == 0
    steps = page.locator("#hotline-timeline li strong").all_inner_texts()
    assert steps == [
        "接收（12345 派单）",
        "签收",
        "办理",
        "答复",
        "回访不满意，重办",
        "办理",
        "答复",
        "回访满意，办结",
    ]
    shots(page, "04-closed-with-its-timeline")

    # 首问负责: asked first at the 询导台, 张敏 answers for it until she hands it on
    page.goto(f"{hall}{TX}/consultations/")
    page.select_option("#channel", "guide_desk")
    page.select_option("#staff", "S001")
    page.fill("#topic", "个体户转为企业需要哪些材料？")
    page.click("#record")
    page.wait_for_load_state("networkidle")
    assert "已登记首问" in page.locator(".flash").first.inner_text()
    assert page.locator("#first-asked").inner_text() == "张敏"
    assert page.locator("#responsible").inner_text() == "张敏"
    page.select_option("#to", "S002")
    page.fill("#reason", "涉及社保登记，转社保就业综合窗口")
    page.click("#hand-on")
    page.wait_for_load_state("networkidle")
    assert page.locator("#first-asked").inner_text() == "张敏"
    assert page.locator("#responsible").inner_text() == "李强"
    chain = page.locator("#handovers tbody tr").all_inner_texts()
    assert len(chain) == 1 and all(
        text in chain[0] for text in ("张敏", "李强", "涉及社保登记，转社保就业综合窗口", "tx-duchake")
    )
    shots(page, "05-first-asked-and-the-chain-of-hand-ons")
