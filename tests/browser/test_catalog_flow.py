"""县级管理员 in a real browser (温岭市): finds an item by its pinyin initials, makes one of its
materials 容缺 and adds one; makes a claimed item drift from the provincial catalog (through the
政策包 page, as an uploaded pack would) and takes the province's value back with one click;
reports a catalog change and sees its two due dates, and an old one overdue in red."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import DEMO, log_in, new_page

pytestmark = pytest.mark.browser
WL = "/c/331081"


def _flash(page: Any) -> str:
    return page.locator(".flash").first.inner_text()


def _submit(page: Any, selector: str) -> None:
    page.click(selector)
    page.wait_for_load_state("networkidle")


def test_a_county_admin_edits_the_catalog(hall: str, browser: Any, shots: Any) -> None:
    admin = new_page(browser)
    log_in(admin, hall, *DEMO, f"{WL}/admin/items/")
    assert "事项目录" in admin.locator("nav").inner_text()
    listed = admin.locator("#items").inner_text()
    assert "公司设立登记" in listed and "认领 ZJ-XK-0001" in listed and "本地事项" in listed
    shots(admin, "01-items")

    # 拼音首字母: 公司设立登记 → gssl
    admin.fill('input[name="q"]', "gssl")
    _submit(admin, "form[role=search] button")
    rows = admin.locator("#items tbody tr")
    assert rows.count() == 1 and "QY-SL" in rows.first.inner_text()
    admin.click("text=查看与编辑")
    admin.wait_for_load_state("networkidle")
    assert "全省统一" in admin.locator("#unified").inner_text()
    assert admin.locator('#basic input[name="name"]').count() == 0  # the province's, not on a form

    # 公司章程 may be missing at intake (容缺); a new row for an e-licence the applicant need not bring
    charter = admin.locator("#material-body tr", has=admin.locator('input[value="公司章程"]'))
    charter.locator('select[name="material_tolerance"]').select_option("1")
    admin.click("#add-material")
    added = admin.locator("#material-body tr.material-row").last
    added.locator('input[name="material_name"]').fill("营业执照（电子）")
    added.locator('select[name="material_exempt"]').select_option("e_licence")
    shots(admin, "02-materials-edited")
    _submit(admin, "#save-materials")
    assert "事项 QY-SL 已保存" in _flash(admin)
    charter = admin.locator("#material-body tr", has=admin.locator('input[value="公司章程"]'))
    assert charter.locator('select[name="material_tolerance"]').input_value() == "1"
    licence = admin.locator("#material-body tr", has=admin.locator('input[value="营业执照（电子）"]'))
    assert licence.locator('select[name="material_exempt"]').input_value() == "e_licence"
    assert admin.locator('#material-body input[name="material_name"]').count() == 3
    shots(admin, "03-materials-saved")

    # A drift: the demo data has none, so the pack gets a locally renamed claim (an upload would)
    admin.goto(f"{hall}{WL}/admin/pack/")
    document = admin.input_value("#document")
    assert document.count("name: 企业投资项目备案\n") == 1
    admin.fill("#document", document.replace("name: 企业投资项目备案\n", "name: 企业投资项目备案（温岭）\n"))
    _submit(admin, "#preview-pack")
    _submit(admin, "#apply-pack")
    assert "已应用" in _flash(admin)

    admin.goto(f"{hall}{WL}/admin/items/")
    drifting = admin.locator("#items tr", has_text="XM-BA")
    assert "与省级目录不一致 1 处" in drifting.inner_text()
    shots(admin, "04-list-with-drift")
    drifting.locator("a", has_text="查看与编辑").click()
    admin.wait_for_load_state("networkidle")
    drift = admin.locator("#drift").inner_text()
    assert "企业投资项目备案（温岭）" in drift and "事项名称" in drift
    shots(admin, "05-drift")
    _submit(admin, "#take-name")
    assert "名称已采用省级标准" in _flash(admin)
    assert admin.locator("#drift").count() == 0
    assert "企业投资项目备案（温岭）" not in admin.locator("#unified").inner_text()
    shots(admin, "06-drift-taken")

    # 目录调整: 温岭's seed (002) sets no limit, so the clock is off until the county sets one —
    # here it adopts 通许's (004 第十二条: report within 3 working days, apply within 7)
    admin.goto(f"{hall}{WL}/admin/catalog-changes/")
    assert "告知不计时，调整到位不计时" in admin.locator("#change-limits").inner_text()
    admin.goto(f"{hall}{WL}/admin/settings/")
    assert "本县未设时限" in admin.locator("#catalog-clock").inner_text()
    admin.fill("#reportWithinDays", "3")
    admin.fill("#applyWithinDays", "7")
    _submit(admin, "#save-catalog-changes")
    assert "目录调整时限已保存" in _flash(admin)
    assert "现行：部门报送 3 个工作日，中心调整 7 个工作日" in admin.locator("#catalog-clock").inner_text()
    shots(admin, "07a-clock-set")
    admin.goto(f"{hall}{WL}/admin/catalog-changes/")
    admin.select_option("#department", "scjg")
    admin.fill("#item", "QY-SL")
    admin.fill("#summary", "市场主体登记管理条例实施细则修订：章程可容缺受理")
    admin.fill("#rulePublishedOn", "2025-03-03")
    admin.fill("#reportedOn", "2025-03-05")
    _submit(admin, "#report-change")
    flash = _flash(admin)
    assert "已登记目录调整" in flash
    # 3/3 + 3 working days = 3/6; 3/5 + 7 working days = 3/14 (no holidays in between)
    assert "2025-03-14" in flash
    row = admin.locator("#changes tr", has_text="章程可容缺受理")
    text = row.inner_text()
    assert "应于 2025-03-06 前" in text and "应于 2025-03-14 前" in text and "已超期" in text
    assert row.locator(".tag.red").count() == 1 and row.locator(".late").count() >= 1
    assert admin.locator("#overdue-summary").is_visible()
    shots(admin, "07-change-overdue")

    # one reported today: both dates ahead, not overdue
    admin.select_option("#department", "scjg")
    admin.fill("#summary", "公司登记申请书样表更新")
    today = re.search(r"(\d{4}-\d{2}-\d{2})", admin.evaluate("new Date().toLocaleDateString('sv')"))
    assert today is not None
    admin.fill("#rulePublishedOn", today.group(1))
    _submit(admin, "#report-change")
    row = admin.locator("#changes tr", has_text="公司登记申请书样表更新")
    assert "办理中" in row.inner_text() and row.locator(".tag.red").count() == 0
    due = re.findall(r"应于 (\d{4}-\d{2}-\d{2}) 前", row.inner_text())
    assert len(due) == 2 and all(d >= today.group(1) for d in due)
    shots(admin, "08-change-reported")

    overdue = admin.locator("#changes tr", has_text="章程可容缺受理")
    overdue.locator("button", has_text="确认已调整到位").click()
    admin.wait_for_load_state("networkidle")
    assert "逾期调整到位" in admin.locator("#changes tr", has_text="章程可容缺受理").inner_text()
    shots(admin, "09-change-applied")

    # 一件事 (read only here: 通许's bundles, whose data other tests use)
    admin.goto(f"{hall}/c/410222/admin/bundles/")
    bundle = admin.locator("#bundle-bdc-jy").inner_text()
    assert "二手房转移登记" in bundle and "牵头部门" in bundle and "不动产权属证书" in bundle
    admin.click('#bundle-bdc-jy a:has-text("编辑")')
    admin.wait_for_load_state("networkidle")
    assert admin.locator('input[name="items"][value="BDC-ZY"]').is_checked()
    shots(admin, "10-bundles")
