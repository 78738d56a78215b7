"""县级管理员 in a real browser (通许县): renames a window and nothing else about it changes;
edits a rule's points, previews the scores, saves, and sees the new version; uploads a pack
with an error and sees the error's YAML path on the page, nothing applied."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser.conftest import DEMO, log_in, new_page

pytestmark = pytest.mark.browser
TX = "/c/410222"


def _flash(page: Any) -> str:
    return page.locator(".flash").first.inner_text()


def test_a_county_admin_edits_a_window_a_rule_and_the_pack(
    hall: str, browser: Any, shots: Any, tmp_path: Path
) -> None:
    admin = new_page(browser)
    log_in(admin, hall, *DEMO, f"{TX}/admin/windows/")
    row = admin.locator("tr", has_text="FL-QY")
    before = row.inner_text()
    assert "企业服务综合窗口" in before
    row.locator("a", has_text="编辑").click()
    admin.fill("#name", "企业服务综合窗口（一号）")
    admin.click("#save-window")
    admin.wait_for_load_state("networkidle")
    assert "窗口 FL-QY 已保存" in _flash(admin)
    after = admin.locator("tr", has_text="FL-QY").inner_text()
    # the same departments, kind, zone and categories: only the name changed
    assert after.replace("企业服务综合窗口（一号）", "企业服务综合窗口") == before
    shots(admin, "01-window-renamed")

    admin.goto(f"{hall}{TX}/admin/rule-sets/")
    admin.click("text=政务服务窗口单位周考核")
    assert "现行第 1 版" in admin.content()
    points = admin.locator('input[name="rule.1.1.points"]')
    assert points.input_value() == "4"
    points.fill("3")
    admin.click("#preview-rules")
    admin.wait_for_load_state("networkidle")
    assert "尚未保存" in admin.locator("#preview").inner_text()
    assert admin.locator('input[name="rule.1.1.points"]').input_value() == "3"  # the edit is kept
    shots(admin, "02-rule-preview")
    admin.click("#save-rules")
    admin.wait_for_load_state("networkidle")
    assert "考核细则已保存为第 2 版" in _flash(admin)
    assert "第 2 版" in admin.locator("#versions").inner_text()
    assert admin.locator('input[name="rule.1.1.points"]').input_value() == "3"
    shots(admin, "03-rule-saved")

    admin.goto(f"{hall}{TX}/admin/pack/")
    newest = admin.locator("table tr", has_text="api:rule_sets").first.inner_text()
    assert "demo" in newest  # the version history names its author
    broken = tmp_path / "pack.yaml"
    pack = yaml.safe_load(admin.locator("#document").input_value())
    pack["windows"][0]["zone"] = "nowhere"
    broken.write_text(yaml.safe_dump(pack, allow_unicode=True, sort_keys=False), encoding="utf-8")
    admin.set_input_files("#file", str(broken))
    admin.click("#preview-pack")
    admin.wait_for_load_state("networkidle")
    page_text = admin.content()
    assert "windows[0].zone" in page_text and "nowhere" in page_text
    assert admin.locator("#apply-pack").count() == 0  # nothing to apply while there are errors
    shots(admin, "04-pack-error-path")
