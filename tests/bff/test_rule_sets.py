"""考核细则 pages: edit a rule's points, preview on last period's incidents, save a new version;
errors beside their inputs and nothing saved; only policy admins."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from onewindow.tenants.policy.models import PolicyVersion
from onewindow.tenants.scoring.models import RuleSet
from onewindow.tenants.scoring.services import bounds, latest_definition, record_incident
from tests.bff.helpers import get, logged_in, post

pytestmark = pytest.mark.django_db
BASE = "/c/150626/admin/rule-sets/"
SET = "qiye-zhuanqu"


def _rule(code: str) -> dict:  # type: ignore[type-arg]
    definition = latest_definition(RuleSet.objects.get(code=SET)) or {}
    return next(r for c in definition["categories"] for r in c["rules"] if r["code"] == code)


def _last_quarter() -> dt.date:
    start, _ = bounds("quarter", clock.today())
    return start - dt.timedelta(days=10)


def test_the_list_and_the_rule_set_page_show_categories_rules_and_versions(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    listing = get(admin, BASE).content.decode()
    assert "服务企业专区进驻部门绩效考核" in listing and "工作实效和服务质量（40）" in listing
    page = get(admin, f"{BASE}{SET}/").content.decode()
    assert 'name="rule.R1.points" value="2' in page and "人员管理" in page and "派生类别" in page
    assert "第 1 版" in page and "现行" in page


def test_edit_a_rules_points_preview_then_save_a_new_version(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    record_incident(SET, rule="R1", subject="scjg", occurred_on=_last_quarter(), count=2, actor="tests")
    versions = PolicyVersion.objects.count()

    preview = post(admin, f"{BASE}{SET}/edit", {"rule.R1.points": "5", "action": "preview"})
    body = preview.content.decode()
    assert preview.status_code == 200 and "尚未保存" in body
    row = body.split('data-subject="scjg"')[1].split("</tr>")[0]
    # R1 twice: 2 × 2 = 4 off the category with the rules in force, 2 × 5 = 10 with the edit; no
    # staff assessment recorded, so 人员管理 (附件3 第8项) counts nothing and scjg is unranked:
    # 36 + 10 + 0 + 10 = 56 before, 30 + 10 + 0 + 10 = 50 after
    assert "56.00" in row and "50.00" in row and "−6.00" in row and "未排名" in row
    assert _rule("R1")["points"] == 2 and PolicyVersion.objects.count() == versions  # nothing saved

    saved = post(admin, f"{BASE}{SET}/edit", {"rule.R1.points": "5", "action": "save"})
    assert saved.status_code == 302
    assert _rule("R1")["points"] == 5 and _rule("R2")["points"] == 2  # the others unchanged
    assert PolicyVersion.objects.count() == versions + 1
    page = get(admin, f"{BASE}{SET}/").content.decode()
    assert "第 2 版" in page and 'name="rule.R1.points" value="5' in page


def test_a_category_switched_off_the_posting_minimum_and_the_missing_input_rule_are_saved(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    page = get(admin, f"{BASE}{SET}/").content.decode()
    assert 'name="set.posting" value="3"' in page  # 附件3 四(二): 不少于3个工作日
    assert "考核对象限于：zwfw、scjg、zjj、rsj、ybj、swj" in page  # 附件3 二
    form = {"cat.xtph.max": "0", "set.base": "90", "set.posting": "5", "set.missing_input": "unranked"}
    saved = post(admin, f"{BASE}{SET}/edit", {**form, "action": "save"})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    definition = latest_definition(RuleSet.objects.get(code=SET)) or {}
    assert next(c for c in definition["categories"] if c["code"] == "xtph")["max"] == 0  # legitimate
    assert (definition["base"], definition["posting"], definition["missing_input"]) == (
        90,
        {"min_working_days": 5},
        "unranked",
    )
    page = get(admin, f"{BASE}{SET}/").content.decode()
    assert "已停用（满分 0）" in page and 'value="unranked" selected' in page


def test_a_bad_number_and_a_broken_total_are_shown_and_nothing_is_saved(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    versions = PolicyVersion.objects.count()
    bad = post(admin, f"{BASE}{SET}/edit", {"rule.R3.points": "五", "action": "save"})
    body = bad.content.decode()
    assert bad.status_code == 400 and "请填写数字" in body.split('data-rule="R3"')[1].split("</tr>")[0]
    broken = post(admin, f"{BASE}{SET}/edit", {"cat.gzsx.max": "45", "action": "preview"})
    body = broken.content.decode()
    assert broken.status_code == 400 and "各类别满分合计 105 不等于基础分 100" in body
    assert PolicyVersion.objects.count() == versions and _rule("R3")["points"] == 5


def test_only_policy_admins_edit_and_another_countys_admin_sees_nothing(wushen, wenling) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    assert get(clerk, f"{BASE}{SET}/").status_code == 403
    assert post(clerk, f"{BASE}{SET}/edit", {"rule.R1.points": "9", "action": "save"}).status_code == 403
    other = logged_in(wenling, Role.COUNTY_ADMIN)
    assert post(other, f"{BASE}{SET}/edit", {"rule.R1.points": "9", "action": "save"}).status_code == 403
    assert _rule("R1")["points"] == 2
