"""县级管理 — the hall's entries, the chains, the calendar and the catalog, page by page: each
lists and edits; an edit of one field keeps the others; a bad value is shown beside its field
and changes nothing; a clerk gets 403; another county's administrator sees nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from onewindow.platform.accounts.roles import Role
from onewindow.tenants.catalog.models import ServiceItem
from onewindow.tenants.hall.models import Department, ServiceTeam, Site, StaffMember, Window, Zone
from onewindow.tenants.policy.models import PolicyVersion
from tests.bff.helpers import get, logged_in, post

pytestmark = pytest.mark.django_db
ADMIN = "/c/150626/admin"


def _latest_version() -> int:
    latest = PolicyVersion.objects.order_by("-number").first()
    return latest.number if latest else 0


# --- 进驻部门 ------------------------------------------------------------------------------------------


def test_the_departments_page_lists_each_with_its_windows(wushen) -> None:  # type: ignore[no-untyped-def]
    page = get(logged_in(wushen, Role.COUNTY_ADMIN), f"{ADMIN}/departments/").content.decode()
    assert "旗市场监督管理局" in page and "市场监管" in page
    assert "当前第" in page  # the pack's version the page shows


def test_renaming_a_department_keeps_its_windows_items_and_staff(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    windows = sorted(Window.objects.live().filter(departments__code="scjg").values_list("code", flat=True))
    items = sorted(ServiceItem.objects.live().filter(department__code="scjg").values_list("code", flat=True))
    staff = sorted(StaffMember.objects.live().filter(department__code="scjg").values_list("code", flat=True))
    assert windows and items
    before = _latest_version()
    form = get(admin, f"{ADMIN}/departments/?edit=scjg").content.decode()
    assert "编辑进驻部门 scjg" in form and 'value="旗市场监督管理局"' in form
    done = post(admin, f"{ADMIN}/departments/save", {"code": "scjg", "name": "旗市场监管局"})
    assert done.status_code == 302
    department = Department.objects.get(code="scjg")
    assert department.name == "旗市场监管局" and department.short_name == "市场监管"
    assert (
        sorted(Window.objects.live().filter(departments__code="scjg").values_list("code", flat=True))
        == windows
    )
    assert (
        sorted(ServiceItem.objects.live().filter(department__code="scjg").values_list("code", flat=True))
        == items
    )
    assert (
        sorted(StaffMember.objects.live().filter(department__code="scjg").values_list("code", flat=True))
        == staff
    )
    latest = PolicyVersion.objects.order_by("-number").first()
    assert latest is not None and latest.number == before + 1
    assert latest.diff == [{"path": "departments.scjg", "change": "changed", "fields": ["name"]}] or (
        latest.diff[0]["fields"] == ["name"]
    )


def test_a_blank_department_name_is_refused_beside_the_field(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    before = _latest_version()
    bad = post(admin, f"{ADMIN}/departments/save", {"code": "scjg", "name": "  "})
    page = bad.content.decode()
    assert bad.status_code == 400
    assert 'class="field required has-error"' in page and "field-error" in page
    assert Department.objects.get(code="scjg").name == "旗市场监督管理局"
    assert _latest_version() == before


def test_a_new_department_and_its_retirement(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    new = get(admin, f"{ADMIN}/departments/?edit=__new__").content.decode()
    assert "新建进驻部门" in new
    assert (
        post(admin, f"{ADMIN}/departments/save", {"code": "yjj", "name": "旗应急管理局"}).status_code == 302
    )
    assert Department.objects.live().filter(code="yjj", name="旗应急管理局").exists()
    assert post(admin, f"{ADMIN}/departments/yjj/retire", {}).status_code == 302
    assert not Department.objects.live().filter(code="yjj").exists()


def test_a_department_still_in_use_is_not_retired(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    refused = post(admin, f"{ADMIN}/departments/scjg/retire", {})
    assert refused.status_code == 400 and "未能停用 scjg" in refused.content.decode()
    assert Department.objects.live().filter(code="scjg").exists()


# --- 场所与功能分区 -----------------------------------------------------------------------------------


def test_sites_are_shown_as_three_levels_and_zones_under_them(wushen) -> None:  # type: ignore[no-untyped-def]
    page = get(logged_in(wushen, Role.COUNTY_ADMIN), f"{ADMIN}/sites/").content.decode()
    centre, township, village = (
        page.index(n) for n in ("乌审旗政务服务中心", "嘎鲁图镇便民服务中心", "嘎鲁图镇某社区便民服务站")
    )
    assert centre < township < village
    assert "乡镇便民服务中心" in page and "村（社区）便民服务站" in page
    assert "服务企业专区" in page


def test_a_new_village_station_under_a_township(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    done = post(
        admin,
        f"{ADMIN}/sites/save",
        {"code": "wsz-v1", "name": "乌审召镇某嘎查便民服务站", "level": "village", "parent": "wushenzhao"},
    )
    assert done.status_code == 302
    site = Site.objects.live().get(code="wsz-v1")
    assert site.level == "village" and site.parent is not None and site.parent.code == "wushenzhao"
    bad = post(
        admin,
        f"{ADMIN}/sites/save",
        {"code": "wsz-v2", "name": "某站", "level": "village", "parent": "nowhere"},
    )
    assert bad.status_code == 400 and "UNKNOWN_REFERENCE" in bad.content.decode()
    assert not Site.objects.filter(code="wsz-v2").exists()


def test_renaming_a_zone_keeps_its_site_and_windows(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    zone = Window.objects.live().get(code="ZC01").zone
    windows = sorted(Window.objects.live().filter(zone=zone).values_list("code", flat=True))
    form = get(admin, f"{ADMIN}/sites/?zone={zone.code}").content.decode()
    assert f"编辑功能分区 {zone.code}" in form
    assert post(admin, f"{ADMIN}/zones/save", {"code": zone.code, "name": "综合受理一区"}).status_code == 302
    after = Zone.objects.get(code=zone.code)
    assert after.name == "综合受理一区" and after.site_id == zone.site_id and after.kind == zone.kind
    assert sorted(Window.objects.live().filter(zone=after).values_list("code", flat=True)) == windows


# --- 工作人员 ------------------------------------------------------------------------------------------


def test_staff_show_grade_posting_date_and_the_under_a_year_flag(wushen) -> None:  # type: ignore[no-untyped-def]
    page = get(logged_in(wushen, Role.COUNTY_ADMIN), f"{ADMIN}/staff/").content.decode()
    assert "路瑶" in page and "高级" in page and "2021-03-01" in page
    assert "NONE" not in page  # an ungraded member's grade is a dash
    recent = [
        m
        for m in StaffMember.objects.live()
        if m.posted_since and (dt.date.today() - m.posted_since).days < 365
    ]
    assert page.count("不满一年</span>") == len(recent)


def test_changing_a_grade_keeps_window_department_roles_and_posting(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    before = StaffMember.objects.get(code="S003")
    assert before.grade == "junior"
    form = get(admin, f"{ADMIN}/staff/?edit=S003").content.decode()
    assert 'value="junior" selected' in form
    assert post(admin, f"{ADMIN}/staff/save", {"code": "S003", "grade": "intermediate"}).status_code == 302
    after = StaffMember.objects.get(code="S003")
    assert after.grade == "intermediate"
    assert (after.window_id, after.department_id, after.roles, after.posted_since, after.name) == (
        before.window_id,
        before.department_id,
        before.roles,
        before.posted_since,
        before.name,
    )


def test_a_bad_posting_date_is_refused_before_the_api(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    before = _latest_version()
    bad = post(admin, f"{ADMIN}/staff/save", {"code": "S003", "postedSince": "2026-13-40"})
    assert bad.status_code == 400 and "日期格式应为" in bad.content.decode()
    assert _latest_version() == before


def test_a_staff_member_on_an_unknown_window_is_refused(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    bad = post(admin, f"{ADMIN}/staff/save", {"code": "S003", "window": "NOPE"})
    page = bad.content.decode()
    assert bad.status_code == 400 and "UNKNOWN_REFERENCE" in page and "编辑工作人员 S003" in page
    assert StaffMember.objects.get(code="S003").window.code == "ZC03"  # type: ignore[union-attr]


# --- 服务团队 ------------------------------------------------------------------------------------------


def test_teams_show_their_members_by_role(wenling) -> None:  # type: ignore[no-untyped-def]
    page = get(logged_in(wenling, Role.COUNTY_ADMIN), "/c/331081/admin/teams/").content.decode()
    assert "项目服务团队" in page and "1+1+1+X 服务团队" in page
    assert "分管领导" in page and "首席服务专员" in page and "项目服务专员甲" in page


def test_editing_a_team_keeps_its_members_and_their_roster_links(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    team = ServiceTeam.objects.get(code="xtxz")
    members = list(team.members.values_list("role", "name", "title", "staff__code"))
    form = get(admin, f"{ADMIN}/teams/?edit=xtxz").content.decode()
    rows = [(m[0], m[1], m[2], m[3] or "") for m in members]
    data: dict[str, object] = {
        "code": "xtxz",
        "name": "管理协调小组",
        "members_shown": "1",
        "member_role": [r[0] for r in rows] + [""],
        "member_name": [r[1] for r in rows] + [""],
        "member_title": [r[2] for r in rows] + [""],
        "member_staff": [r[3] for r in rows] + [""],
    }
    assert "呼斯林" in form
    assert post(admin, f"{ADMIN}/teams/save", data).status_code == 302
    after = ServiceTeam.objects.get(code="xtxz")
    assert after.name == "管理协调小组" and after.duties == team.duties
    assert list(after.members.values_list("role", "name", "title", "staff__code")) == members


def test_a_one_one_one_x_team_without_its_chief_officer_is_refused(wenling) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(wenling)
    admin = logged_in(wenling, Role.COUNTY_ADMIN)
    bad = post(
        admin,
        "/c/331081/admin/teams/save",
        {
            "code": "T-XM",
            "members_shown": "1",
            "member_role": ["leader_in_charge", "officer"],
            "member_name": ["分管领导", "专员"],
            "member_title": ["", ""],
            "member_staff": ["", ""],
        },
    )
    assert bad.status_code == 400 and "TEAM_SHAPE" in bad.content.decode()
    assert ServiceTeam.objects.get(code="T-XM").members.count() == 4


# --- who may ---------------------------------------------------------------------------------------

PAGES = ["sites/", "windows/", "departments/", "staff/", "teams/"]


@pytest.mark.parametrize("page", PAGES)
def test_a_clerk_gets_403(wushen, page: str) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    assert get(clerk, f"{ADMIN}/{page}").status_code == 403


def test_a_clerk_cannot_save_or_retire(wushen) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    assert post(clerk, f"{ADMIN}/departments/save", {"code": "scjg", "name": "x"}).status_code == 403
    assert post(clerk, f"{ADMIN}/staff/S003/retire", {}).status_code == 403
    assert Department.objects.get(code="scjg").name != "x"
    assert StaffMember.objects.live().filter(code="S003").exists()


# what 乌审旗's pages list: none of it may reach another county's administrator
WUSHEN_ENTRIES = ("嘎鲁图", "旗市场监督管理局", "路瑶", "管理协调小组", "ZC01")


@pytest.mark.parametrize("page", PAGES)
def test_another_countys_admin_sees_nothing(wushen, wenling, page: str) -> None:  # type: ignore[no-untyped-def]
    other = logged_in(wenling, Role.COUNTY_ADMIN)
    connection.set_tenant(wushen)
    response = get(other, f"{ADMIN}/{page}")
    body = response.content.decode()
    assert response.status_code == 403 and "NOT_A_MEMBER" in body
    assert not any(word in body for word in WUSHEN_ENTRIES)


# --- 督办链 ------------------------------------------------------------------------------------------


def test_each_chain_level_reads_as_a_sentence(wushen) -> None:  # type: ignore[no-untyped-def]
    page = get(logged_in(wushen, Role.COUNTY_ADMIN), f"{ADMIN}/chains/").content.decode()
    assert "三级提醒" in page
    assert "截止前2个工作日 → 审批人员，系统消息、站内信" in page
    assert "截止当日 → 政务服务中心，系统消息、站内信；挂牌警示" in page
    assert (
        "超期1个工作日 → 服务企业代办帮办服务专区管理协调小组，系统消息；挂牌警示、计入考核、1个工作日内回复"
        in page
    )


def _chain_form(admin, code: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What the editor posts for a chain as it stands (read off the page's inputs)."""
    import re

    form = get(admin, f"{ADMIN}/chains/?edit={code}").content.decode()
    form = form[form.index('id="chain-form"') :]
    form = form[: form.index("</form>")]
    data: dict[str, list[str]] = {}
    for name, value in re.findall(
        r'<input type="(?:text|number|hidden)" (?:id="[^"]*" )?name="([^"]+)" value="([^"]*)"', form
    ):
        data.setdefault(name, []).append(value)
    for name, value in re.findall(r'<input type="checkbox" name="([^"]+)" value="([^"]*)" checked', form):
        data.setdefault(name, []).append(value)
    for name, body in re.findall(r'<select id="[^"]*" name="([^"]+)">(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        data[name] = [chosen.group(1) if chosen else ""]
    return {k: v if len(v) > 1 else v[0] for k, v in data.items()}


def test_adding_a_level_makes_a_new_chain_version_and_its_sentence(wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.escalation.models import Chain

    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    chain = Chain.objects.get(code="sanji-tixing")
    versions = chain.versions.count()
    data = _chain_form(admin, "sanji-tixing")
    assert data["level_count"] == "4"  # three levels and the blank new one
    data.update(
        {
            "level-3-name": "四级（点名通报）",
            "level-3-offset": "3",
            "level-3-target_kind": "county_government",
            "level-3-actions": ["notify", "flag"],
        }
    )
    done = post(admin, f"{ADMIN}/chains/save", data)
    assert done.status_code == 302, done.content.decode()[:2000]
    assert chain.versions.count() == versions + 1
    latest = chain.versions.order_by("-number").first()
    assert latest is not None and [lv["name"] for lv in latest.levels][-1] == "四级（点名通报）"
    earlier = chain.versions.order_by("-number")[1].levels

    def same(level: dict[str, object]) -> dict[str, object]:  # the actions are a set
        return {**level, "actions": sorted(level["actions"])}  # type: ignore[arg-type]

    assert [same(lv) for lv in latest.levels[:3]] == [same(lv) for lv in earlier]  # the others unchanged
    page = get(admin, f"{ADMIN}/chains/").content.decode()
    assert "超期3个工作日 → 县政府，系统消息；挂牌警示" in page
    assert Chain.objects.get(code="sanji-tixing").name == "三级提醒"


def test_removing_a_level_and_a_level_out_of_order(wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.escalation.models import Chain

    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    chain = Chain.objects.get(code="sanji-tixing")
    versions = chain.versions.count()
    bad = _chain_form(admin, "sanji-tixing")
    bad["level-1-offset"] = "-5"  # the second level before the first
    refused = post(admin, f"{ADMIN}/chains/save", bad)
    page = refused.content.decode()
    assert refused.status_code == 400 and "LEVELS_OUT_OF_ORDER" in page
    assert 'id="level-1"' in page and 'value="-5"' in page  # the editor keeps what was typed
    assert chain.versions.count() == versions
    fine = _chain_form(admin, "sanji-tixing")
    fine["level-1-remove"] = "1"
    assert post(admin, f"{ADMIN}/chains/save", fine).status_code == 302
    latest = chain.versions.order_by("-number").first()
    assert latest is not None and [lv["name"] for lv in latest.levels] == [
        "一级提醒（黄灯）",
        "三级提醒（红灯·超期）",
    ]


def test_the_chain_lists_the_pack_versions_that_changed_it(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    data = _chain_form(admin, "sanji-tixing")
    data["level-0-offset"] = "-3"
    assert post(admin, f"{ADMIN}/chains/save", data).status_code == 302
    page = get(admin, f"{ADMIN}/chains/").content.decode()
    card = page[page.index('id="chain-sanji-tixing"') :]
    card = card[: card.index('id="chain-', 10)]
    assert f"第 {_latest_version()} 版" in card and "修改 levels" in card
    assert "截止前3个工作日" in card


def test_a_clerk_gets_403_on_chains(wushen) -> None:  # type: ignore[no-untyped-def]
    assert get(logged_in(wushen, Role.INTAKE_CLERK), f"{ADMIN}/chains/").status_code == 403


# --- 日历 ----------------------------------------------------------------------------------------------


def test_the_month_view_shows_holidays_and_makeup_days_monday_first(wushen) -> None:  # type: ignore[no-untyped-def]
    page = get(logged_in(wushen, Role.COUNTY_ADMIN), f"{ADMIN}/calendar/?month=2026-02").content.decode()
    assert "2026 年 2 月" in page
    grid = page[page.index('id="month"') :]
    assert grid.index("<th>一</th>") < grid.index("<th>日</th>")
    first_week = grid[grid.index("<tbody>") : grid.index("</tr>", grid.index("<tbody>"))]
    assert first_week.count('class="day blank"') == 6  # 2026-02-01 is a Sunday
    assert 'class="day makeup" data-date="2026-02-14"' in page and "调休上班" in page  # DOMAIN §8
    assert 'class="day holiday" data-date="2026-02-17"' in page and "春节" in page
    assert "?month=2026-01" in page and "?month=2026-03" in page


def test_a_county_closure_on_the_month_view_and_its_removal(wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.workcalendar.models import CalendarOverride

    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    done = post(
        admin, f"{ADMIN}/calendar/set", {"date": "2026-03-10", "kind": "closed", "reason": "停电检修"}
    )
    assert done.status_code == 302 and done["Location"].endswith("?month=2026-03")
    assert CalendarOverride.objects.get(date=dt.date(2026, 3, 10)).kind == "closed"
    page = get(admin, done["Location"]).content.decode()
    assert 'class="day closed" data-date="2026-03-10"' in page and "停电检修" in page
    assert post(admin, f"{ADMIN}/calendar/remove", {"date": "2026-03-10"}).status_code == 302
    assert not CalendarOverride.objects.filter(date=dt.date(2026, 3, 10)).exists()


def test_an_override_needs_a_date_and_a_reason(wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.workcalendar.models import CalendarOverride

    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    no_reason = post(admin, f"{ADMIN}/calendar/set", {"date": "2026-03-07", "kind": "working", "reason": ""})
    assert no_reason.status_code == 400 and "请写明原因" in no_reason.content.decode()
    no_date = post(admin, f"{ADMIN}/calendar/set", {"date": "", "kind": "closed", "reason": "停电"})
    assert no_date.status_code == 400 and "请选择日期" in no_date.content.decode()
    assert not CalendarOverride.objects.exists()
    assert (
        post(
            admin, f"{ADMIN}/calendar/set", {"date": "2026-03-07", "kind": "working", "reason": "集中办理"}
        ).status_code
        == 302
    )
    page = get(admin, f"{ADMIN}/calendar/?month=2026-03").content.decode()
    assert 'class="day extra" data-date="2026-03-07"' in page


def test_a_clerk_gets_403_on_the_calendar(wushen) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    assert get(clerk, f"{ADMIN}/calendar/").status_code == 403
    assert (
        post(
            clerk, f"{ADMIN}/calendar/set", {"date": "2026-03-10", "kind": "closed", "reason": "x"}
        ).status_code
        == 403
    )


def test_a_new_entry_with_an_existing_code_is_refused_and_changes_nothing(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    before = (Department.objects.get(code="scjg").name, PolicyVersion.objects.count())
    answer = post(
        admin, "/c/150626/admin/departments/save", {"code": "scjg", "name": "新部门", "create": "1"}
    )
    assert answer.status_code == 400 and "DUPLICATE_CODE" in answer.content.decode()
    assert (Department.objects.get(code="scjg").name, PolicyVersion.objects.count()) == before
