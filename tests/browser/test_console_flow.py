"""省级运营 in a real browser: an operator onboards 杭锦旗 (150625) from a preset in the wizard,
watches the job's progress become READY (the real worker of `onewindow up` runs it), gives the
first admin a temporary password, and that admin logs in to the new county."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import DEMO, log_in, new_page

pytestmark = pytest.mark.browser
HANGJIN = "/c/150625"


def test_an_operator_onboards_hangjin_from_a_preset_and_its_admin_logs_in(
    hall: str, browser: Any, shots: Any
) -> None:
    operator = new_page(browser)
    log_in(operator, hall, *DEMO, "/counties/")
    assert "县的开通与运行" in operator.content()
    assert operator.locator('#counties tr[data-code="150626"]').inner_text().count("正常") == 1
    shots(operator, "01-counties")

    operator.click("#open-onboard")
    operator.fill("#code", "150625")
    operator.fill("#name", "杭锦旗")
    operator.fill("#province", "内蒙古自治区")
    operator.check("input[name=preset][value=wushen]")
    operator.fill("#admin", "hangjin-admin")
    shots(operator, "02-wizard")
    operator.click("#start-onboarding")
    operator.wait_for_load_state("networkidle")
    assert "已开始开通 杭锦旗" in operator.locator(".flash").first.inner_text()
    # The page polls the job (htmx, every second) until the worker says READY.
    operator.wait_for_selector('#job-progress[data-status="READY"]', timeout=120_000)
    assert "已就绪" in operator.locator("#job-status").inner_text()
    shots(operator, "03-ready")

    operator.click("#issue-admin-password")
    operator.wait_for_load_state("networkidle")
    secret = re.search(r"临时密码：(\S+?)（", operator.locator("#temporary-password").inner_text())
    assert secret is not None
    shots(operator, "04-admin-password")

    operator.goto(f"{hall}/counties/")
    row = operator.locator('#counties tr[data-code="150625"]').inner_text()
    assert "杭锦旗" in row and "运行中" in row and "第 1 版" in row

    admin = new_page(browser)
    log_in(admin, hall, "hangjin-admin", secret.group(1), f"{HANGJIN}/admin/windows/")
    assert "杭锦旗" in admin.content() and "窗口" in admin.title()
    assert admin.locator("table.list tbody tr").count() > 3  # the preset's windows
    shots(admin, "05-new-countys-windows")
