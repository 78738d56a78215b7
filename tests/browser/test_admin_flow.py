"""县级管理 in a real browser: the demo operator (administrator of the demo counties) walks the
hall's configuration pages, changes a staff member's grade, adds a level to a chain and reads
its sentence, and closes the hall for a day on the month view — then puts the day back."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import DEMO, log_in, new_page

pytestmark = pytest.mark.browser
WS = "/c/150626/admin"


def _flash(page: Any) -> str:
    return page.locator(".flash").first.inner_text()


def test_the_county_admin_configures_the_hall(hall: str, browser: Any, shots: Any) -> None:
    admin = new_page(browser)
    log_in(admin, hall, *DEMO, f"{WS}/sites/")
    assert "嘎鲁图镇便民服务中心" in admin.content() and "乡镇便民服务中心" in admin.content()
    shots(admin, "01-sites")
    admin.goto(f"{hall}{WS}/departments/")
    assert "旗市场监督管理局" in admin.content()
    shots(admin, "02-departments")
    admin.goto(f"{hall}{WS}/teams/?edit=xtxz")
    assert admin.locator("#members tbody tr").count() >= 12
    shots(admin, "03-team-editor")

    # 工作人员: a grade changes, nothing else does
    admin.goto(f"{hall}{WS}/staff/")
    row = admin.locator("#staff tbody tr", has_text="王小翠")
    before = row.inner_text()
    row.get_by_role("link", name="编辑").click()
    admin.wait_for_selector("#staff-form")
    shots(admin, "04-staff-editor")
    admin.select_option("#grade", "senior")
    admin.click("#save-staff")
    admin.wait_for_load_state("networkidle")
    assert "已保存" in _flash(admin)
    after = admin.locator("#staff tbody tr", has_text="王小翠").inner_text()
    cells_before, cells_after = before.split("\t"), after.split("\t")
    assert cells_after[3].strip() == "高级"
    # code, name, roles, department, window, posting date: as they were
    assert cells_before[:3] + cells_before[4:8] == cells_after[:3] + cells_after[4:8]
    shots(admin, "05-staff")

    # 督办链: a new level, read back as a sentence
    admin.goto(f"{hall}{WS}/chains/")
    assert "截止前2个工作日 → 审批人员，系统消息" in admin.content()
    shots(admin, "06-chains")
    admin.goto(f"{hall}{WS}/chains/?edit=bangban-tousu")
    new = admin.locator("fieldset.new-level")
    new.locator("input[name$=-name]").fill("投诉超期三日通报")
    new.locator("input[name$=-offset]").fill("3")
    new.locator("select[name$=-target_kind]").select_option("county_government")
    new.locator("input[name$=-actions][value=flag]").check()
    shots(admin, "07-chain-editor")
    admin.click("#save-chain")
    admin.wait_for_load_state("networkidle")
    assert "督办链 bangban-tousu 已保存" in _flash(admin)
    card = admin.locator("#chain-bangban-tousu")
    assert "超期3个工作日 → 县政府，系统消息；挂牌警示" in card.inner_text()
    shots(admin, "08-chain-saved")

    # 日历: a closure on the month view, then removed again
    admin.goto(f"{hall}{WS}/calendar/?month=2026-12")
    assert admin.locator("table.month thead th").first.inner_text() == "一"
    admin.click('td.day[data-date="2026-12-30"] a')
    admin.wait_for_selector("#override-form")
    assert admin.input_value("#date") == "2026-12-30"
    admin.select_option("#kind", "closed")
    admin.fill("#reason", "年终盘点闭厅")
    admin.click("#save-override")
    admin.wait_for_load_state("networkidle")
    assert "已设为闭厅" in _flash(admin)
    day = admin.locator('td.day[data-date="2026-12-30"]')
    assert "closed" in (day.get_attribute("class") or "") and "闭厅" in day.inner_text()
    shots(admin, "09-calendar")
    admin.goto(f"{hall}{WS}/calendar/?month=2026-02")
    assert "holiday" in (admin.locator('td.day[data-date="2026-02-17"]').get_attribute("class") or "")
    assert "makeup" in (admin.locator('td.day[data-date="2026-02-14"]').get_attribute("class") or "")
    shots(admin, "10-calendar-spring-festival")
    admin.goto(f"{hall}{WS}/calendar/?month=2026-12")
    admin.once("dialog", lambda dialog: dialog.accept())
    admin.locator("#overrides tr", has_text="2026-12-30").get_by_role("button", name="取消").click()
    admin.wait_for_load_state("networkidle")
    assert "已取消" in _flash(admin)
    admin.context.close()
