"""帮办代办 in a real browser, in 乌审旗: an agent on a phone takes a request at a village
station, prints the 委托书 (a PDF), hands it over; the township refuses it until every material
is ticked, then acknowledges; the admin adds a new village station in the pack and the
compliance page lists it as short of agents."""

from __future__ import annotations

import time
from typing import Any

import pytest
import yaml

from tests.browser.conftest import DEMO, log_in, new_page
from tests.browser.test_hall_flow import _create_account

pytestmark = pytest.mark.browser
WS = "/c/150626"


def test_an_agent_takes_prints_and_hands_over_and_the_township_acknowledges(
    hall: str, browser: Any, shots: Any
) -> None:
    admin = new_page(browser)
    log_in(admin, hall, *DEMO)
    _create_account(admin, hall, "150626", "ws-agent", "高娜", "agent", "Hall-agent-2026")

    applicant = f"浏览器测试{int(time.time()) % 100000}"
    agent = new_page(browser, phone=True)
    log_in(agent, hall, "ws-agent", "Hall-agent-2026", f"{WS}/assistance/")
    agent.goto(f"{hall}{WS}/assistance/")
    agent.select_option("#siteAgent", "galutu-v1|S014")
    agent.fill("#applicantName", applicant)
    agent.fill("#applicantPhone", "13800138000")
    agent.check("input[name=items][value=MS-YL][data-site=galutu-v1]")
    agent.fill("#materials", "居民身份证\n户口簿\n本人银行卡（折）")
    agent.check("input[name=atHome]")
    agent.fill("#homeAddress", "某社区3号楼")
    agent.check("input[name=consent]")
    shots(agent, "01-phone-take-form")
    agent.click("text=受托并生成委托书")
    agent.wait_for_load_state("networkidle")
    assert "已受托" in agent.content() and applicant in agent.content()
    shots(agent, "02-phone-request")
    number = agent.url.rstrip("/").split("/")[-1]
    pdf = agent.request.get(f"{hall}{agent.locator('#mandate-pdf').get_attribute('href')}")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    receipt = agent.request.get(f"{hall}{agent.locator('#receipt-pdf').get_attribute('href')}")
    assert receipt.headers["content-type"] == "application/pdf"
    agent.click("#hand-over")
    agent.wait_for_load_state("networkidle")
    assert "已移交" in agent.content()
    shots(agent, "03-phone-handed-over")

    township = admin
    township.goto(f"{hall}{WS}/assistance/r/{number}/")
    township.check("input[name=acknowledged][value=居民身份证]")
    township.click("#acknowledge")
    township.wait_for_load_state("networkidle")
    assert "未确认" in township.content() and "户口簿" in township.content()
    shots(township, "04-township-refused")
    for material in ("居民身份证", "户口簿", "本人银行卡（折）"):
        township.check(f"input[name=acknowledged][value='{material}']")
    township.click("#acknowledge")
    township.wait_for_load_state("networkidle")
    assert "已接收" in township.content() and "嘎鲁图镇便民服务中心" in township.content()
    shots(township, "05-township-acknowledged")


def test_the_compliance_page_lists_a_station_short_of_agents(hall: str, browser: Any, shots: Any) -> None:
    admin = new_page(browser)
    log_in(admin, hall, *DEMO)
    admin.goto(f"{hall}{WS}/admin/pack/")
    pack = yaml.safe_load(admin.input_value("#document"))
    if not any(s["code"] == "bt-v9" for s in pack["sites"]):
        pack["sites"].append(
            {"code": "bt-v9", "name": "浏览器测试嘎查便民服务站", "level": "village", "parent": "wushenzhao"}
        )
        admin.fill("#document", yaml.safe_dump(pack, allow_unicode=True, sort_keys=False))
        admin.click("#preview-pack")
        admin.wait_for_selector("#apply-pack")
        admin.click("#apply-pack")
        admin.wait_for_load_state("networkidle")
    admin.goto(f"{hall}{WS}/assistance/network/")
    short = admin.inner_text("#short-sites")
    assert "浏览器测试嘎查便民服务站" in short and "缺 1 名" in short
    shots(admin, "01-compliance")
    admin.goto(f"{hall}{WS}/assistance/ledger/?site=galutu-v1")
    shots(admin, "02-ledger")
