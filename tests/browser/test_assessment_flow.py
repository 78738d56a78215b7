"""考核 in a real browser: the county admin gives a centre manager an account; the manager opens
this quarter's period, records a deduction with an evidence file, sees which departments still
lack their staff assessment (000 附件3 第8项) and that closing refuses it, is refused a 1-day
posting (附件3 四(二): 不少于3个工作日), records the assessments, closes the period with three
working days of 公示, follows a score to the incident behind it and downloads the 通报."""

from __future__ import annotations

from typing import Any

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import DEMO, log_in, new_page

pytestmark = pytest.mark.browser
WS = "/c/150626"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def _flash(page: Any) -> str:
    return page.locator(".flash").first.inner_text()


def test_an_assessment_officer_closes_a_period_and_downloads_the_excel(
    hall: str, browser: Any, shots: Any
) -> None:
    admin = new_page(browser)
    log_in(admin, hall, *DEMO)
    admin.goto(f"{hall}{WS}/people/")
    admin.click("#open-create")
    admin.fill("#username", "ws-kaohe")
    admin.fill("#displayName", "考核专员")
    admin.check("#create-dialog input[name=roles][value=centre_manager]")
    admin.fill("#password", "Kaohe-officer-2026")
    admin.click("#create-account")
    admin.wait_for_load_state("networkidle")
    assert "已开通账号 ws-kaohe" in _flash(admin)

    officer = new_page(browser)
    log_in(officer, hall, "ws-kaohe", "Kaohe-officer-2026", f"{WS}/assessment/")
    assert "考核周期" in officer.title()
    assert officer.locator("nav.menu", has_text="扣分记录").count() == 1
    officer.click("#open-period")
    officer.wait_for_load_state("networkidle")
    assert "已开启考核期" in _flash(officer)
    period_url = officer.url

    officer.click("text=扣分记录 >> nth=-1")
    officer.wait_for_load_state("networkidle")
    officer.click("#open-record")
    officer.select_option("#rule", "R3")
    officer.select_option("#rec-subject", "swj")
    officer.fill("#note", "窗口人员指引企业去后台审批区私自接件")
    officer.set_input_files(
        "#files", files=[{"name": "现场记录.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    shots(officer, "01-record-incident")
    officer.click("#record-incident")
    officer.wait_for_load_state("networkidle")
    assert "已记录（附件 1 个）" in _flash(officer)
    evidence = officer.locator("#incidents a.evidence", has_text="现场记录.pdf")
    fetched = officer.request.get(hall + evidence.get_attribute("href"))
    assert fetched.status == 200 and fetched.body() == PDF
    shots(officer, "02-incidents")

    officer.goto(period_url)
    incomplete = officer.locator("#incomplete").inner_text()
    assert "6 个考核对象尚缺测量值" in incomplete and "国家税务总局乌审旗税务局：人员管理" in incomplete
    assert officer.locator("#mode-final").count() == 0  # a posting is required: no "final at once"
    assert "不少于 3 个工作日" in officer.locator("#posting-min").inner_text()
    officer.fill("#postDays", "1")
    officer.evaluate("document.getElementById('postDays').removeAttribute('min')")  # the server decides
    officer.check("#early")  # this quarter is not over yet: closed on purpose
    officer.click("#close-period")
    officer.wait_for_load_state("networkidle")
    assert "POSTING_TOO_SHORT" in _flash(officer) and "不少于 3 个工作日" in _flash(officer)
    officer.fill("#postDays", "3")
    officer.check("#early")
    officer.click("#close-period")
    officer.wait_for_load_state("networkidle")
    assert "INPUT_MISSING" in _flash(officer) and "旗医疗保障局：人员管理" in _flash(officer)
    shots(officer, "03-close-refused-incomplete")

    officer.click("#incomplete a")  # 去录入: the staff assessments, 100 each
    officer.wait_for_load_state("networkidle")
    for subject in ("zwfw", "scjg", "zjj", "rsj", "ybj", "swj"):
        officer.click("#open-record")
        officer.select_option("#rule", "rygl")
        officer.select_option("#rec-subject", subject)
        officer.fill("#count", "100")
        officer.click("#record-incident")
        officer.wait_for_load_state("networkidle")
        assert "已记录" in _flash(officer)
    officer.goto(period_url)
    assert officer.locator("#incomplete").count() == 0
    officer.fill("#postDays", "3")
    officer.check("#early")
    officer.click("#close-period")
    officer.wait_for_load_state("networkidle")
    assert "已结算并公示" in _flash(officer)
    assert officer.locator("#period-status").inner_text() == "公示中"
    until = officer.locator("#posted-until").inner_text()
    assert until.startswith("公示至 ")
    shots(officer, "04-period-posted")
    officer.locator("#ranking").screenshot(path=str(shots.folder / f"{shots.name}--05-ranking.png"))

    with officer.expect_download() as info:
        officer.click("#download-xlsx")
    download = info.value
    assert download.suggested_filename.endswith("通报.xlsx")
    with open(download.path(), "rb") as saved:  # Playwright's file has no extension
        sheet = load_workbook(saved).active
    assert sheet["A1"].value.startswith("乌审旗服务企业专区进驻部门绩效考核") and sheet["A1"].value.endswith(
        "通报"
    )
    assert "通报日期" in sheet["A2"].value and until.removeprefix("公示至 ")[:4] in sheet["A2"].value
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$3:$3"
    names = [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert "国家税务总局乌审旗税务局" in names and len(names) == 6  # 附件3 二's six departments
    last = list(sheet.iter_rows(min_row=4, values_only=True))[-1]
    assert last[1] == "国家税务总局乌审旗税务局" and last[2] == 35.0

    # a score is one click from the incidents behind it
    row = officer.locator("#ranking tr", has_text="国家税务总局乌审旗税务局")
    row.locator("a", has_text="35.00").click()
    officer.wait_for_load_state("networkidle")
    assert "窗口人员指引企业去后台审批区私自接件" in officer.locator("#incidents").inner_text()
    shots(officer, "06-incidents-behind-a-score")
