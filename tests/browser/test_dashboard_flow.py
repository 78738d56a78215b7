"""领导驾驶舱 in a real browser: the county admin gives a leader an account on 人员与权限; the
leader logs in, lands on the dashboard, sees the charts drawn and the numbers under them, puts
it on the wall screen; 温岭's dashboard is not theirs."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import DEMO, _watch_csp, log_in, new_page

pytestmark = pytest.mark.browser
WS = "/c/150626"


def test_a_leader_opens_the_dashboard(hall: str, browser: Any, shots: Any) -> None:
    admin = new_page(browser)
    log_in(admin, hall, *DEMO)
    admin.goto(f"{hall}{WS}/people/")
    admin.click("#open-create")
    admin.fill("#username", "ws-leader")
    admin.fill("#displayName", "分管副旗长")
    assert admin.locator("#create-dialog label:has(input[value=leader])").inner_text().strip() == "领导"
    admin.check("#create-dialog input[name=roles][value=leader]")
    admin.fill("#password", "Hall-leader-2026")
    admin.click("#create-account")
    admin.wait_for_load_state("networkidle")
    assert "已开通账号 ws-leader" in admin.locator(".flash").first.inner_text()

    leader = new_page(browser)
    log_in(leader, hall, "ws-leader", "Hall-leader-2026", f"{WS}/")
    assert leader.url.endswith(f"{WS}/dashboard/"), leader.url
    menu = leader.locator("nav.menu").inner_text()
    assert "领导驾驶舱" in menu and "综合受理" not in menu and "人员与权限" not in menu
    for chart in ("volume", "rates", "ages"):
        leader.wait_for_selector(f"[data-chart={chart}] canvas")
    kpis = leader.locator(".kpi").all_inner_texts()
    assert any(k.startswith("本周收件") for k in kpis) and any("好评率" in k for k in kpis)
    # the demo's three weeks of cases show in the trend and in its table
    received = leader.locator(
        "section[aria-labelledby=volume-title] tbody tr td:nth-child(2)"
    ).all_text_contents()
    assert len(received) == 12 and sum(int(n) for n in received) > 0
    shots(leader, "01-dashboard")
    leader.click("section[aria-labelledby=volume-title] summary")
    leader.click("section[aria-labelledby=rates-title] summary")
    assert leader.locator("section[aria-labelledby=volume-title] table").is_visible()
    shots(leader, "02-numbers-under-the-charts")

    wall = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN").new_page()
    wall.on("console", _watch_csp)
    log_in(wall, hall, "ws-leader", "Hall-leader-2026", f"{WS}/dashboard/?wall=1")
    wall.wait_for_selector("[data-chart=volume] canvas")
    assert wall.locator("nav.menu").count() == 0
    shots(wall, "03-wall-screen")

    other = leader.goto(f"{hall}/c/331081/dashboard/")
    assert other is not None and other.status == 403
