"""跨县对标 in a real browser: the operator has the rollup run now (the worker of `onewindow up`
computes each county's facts), reads the league table and a county's profile; 温岭's admin sees
温岭 by name and the other counties by rank only."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.browser.conftest import DEMO, log_in, new_page

pytestmark = pytest.mark.browser


def test_the_province_compares_counties_and_a_county_sees_itself(hall: str, browser: Any, shots: Any) -> None:
    operator = new_page(browser)
    log_in(operator, hall, *DEMO, "/benchmarks/?metric=on_time_rate&period=quarter")
    operator.click("#run-rollup")
    operator.wait_for_load_state("networkidle")
    assert "个县排队汇总" in operator.locator(".flash").first.inner_text()
    # the worker writes each county's facts: wait until the three demo counties have a value
    for _ in range(60):
        operator.goto(f"{hall}/benchmarks/?metric=on_time_rate&period=quarter")
        if operator.locator("#league tbody tr td.num strong", has_text="%").count() >= 3:
            break
        time.sleep(1)
    rows = operator.locator("#league tbody tr")
    assert rows.count() >= 3 and "乌审旗" in operator.locator("#league").inner_text()
    operator.wait_for_selector("#bench-bars canvas")
    shots(operator, "01-league-table")

    operator.click("#league a:text('温岭市')")
    operator.wait_for_load_state("networkidle")
    assert "全省中位数" in operator.content() and operator.locator("#profile tbody tr").count() >= 15
    operator.wait_for_selector("#bench-trend canvas")
    shots(operator, "02-county-profile")

    admin = new_page(browser)
    log_in(admin, hall, *DEMO, "/c/331081/benchmarks/?metric=on_time_rate&period=quarter")
    text = admin.locator("#league").inner_text()
    assert "温岭市" in text and "乌审旗" not in text and "通许县" not in text
    shots(admin, "03-county-own-view")
