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


def test_an_operator_onboards_a_sichuan_county_from_a_neutral_template_and_sees_the_todo(
    hall: str, browser: Any, shots: Any
) -> None:
    """Issue 17: a county in a province none of the seeds is in (四川省, no provincial catalog
    loaded) starts from the 无差别综合窗口 template (after 乌审旗's model): ready, then the job's
    page lists what is left — the roster, the items, the 003 二(三)3 agent minimums."""
    operator = new_page(browser)
    log_in(operator, hall, *DEMO, "/counties/new")
    assert operator.locator("#templates input[name=preset]").count() == 3
    operator.fill("#code", "510131")
    operator.fill("#name", "蒲江样例县")
    operator.fill("#province", "四川省")
    operator.check("#template-wuchabie")
    shots(operator, "06-wizard-template")
    operator.click("#start-onboarding")
    operator.wait_for_load_state("networkidle")
    assert "已开始开通 蒲江样例县" in operator.locator(".flash").first.inner_text()
    operator.wait_for_selector('#job-progress[data-status="READY"]', timeout=120_000)
    assert "从预设开始：无差别综合窗口模板（与省份无关）" in operator.content()
    todo = operator.locator("#job-todo").inner_text()
    assert "尚未指定县级管理员" in todo and "还没有工作人员" in todo
    assert "四川省的省级标准目录尚未导入" in todo
    # 003 二(三)3: 便民服务中心至少2名代办员
    assert "示例乡镇便民服务中心（乡镇（苏木镇）便民服务中心）只有 0 名代办员，至少应有 2 名" in todo
    assert "assistance.complaint_within_days" in todo
    shots(operator, "07-job-todo")
