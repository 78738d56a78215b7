"""县级管理 — windows: rename one and nothing else changes; create; errors beside the field."""

from __future__ import annotations

import pytest

from onewindow.platform.accounts.roles import Role
from onewindow.tenants.hall.models import Window
from onewindow.tenants.policy.models import PolicyVersion
from tests.bff.helpers import get, logged_in, post

pytestmark = pytest.mark.django_db
BASE = "/c/150626/admin/windows/"


def test_renaming_a_window_keeps_its_departments_and_categories(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    page = get(admin, f"{BASE}?edit=ZC01").content.decode()
    assert "编辑窗口 ZC01" in page
    before = Window.objects.get(code="ZC01")
    departments = sorted(before.departments.values_list("code", flat=True))
    done = post(admin, f"{BASE}save", {"code": "ZC01", "name": "综合一窗受理一号窗口"})
    assert done.status_code == 302
    after = Window.objects.get(code="ZC01")
    assert after.name == "综合一窗受理一号窗口"
    assert sorted(after.departments.values_list("code", flat=True)) == departments and departments
    assert (
        after.categories == before.categories
        and after.kind == before.kind
        and after.zone_id == before.zone_id
    )
    assert PolicyVersion.objects.order_by("-number").first().diff[0]["fields"] == ["name"]  # type: ignore[union-attr]


def test_a_new_window_needs_a_zone_that_exists(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN)
    bad = post(
        admin, f"{BASE}save", {"code": "NEW1", "name": "新窗口", "kind": "universal", "zone": "nowhere"}
    )
    assert bad.status_code == 400 and "UNKNOWN_REFERENCE" in bad.content.decode()
    assert not Window.objects.filter(code="NEW1").exists()
    zone = Window.objects.get(code="ZC01").zone.code
    assert (
        post(
            admin, f"{BASE}save", {"code": "NEW1", "name": "新窗口", "kind": "universal", "zone": zone}
        ).status_code
        == 302
    )
    assert Window.objects.live().filter(code="NEW1").exists()


def test_a_clerk_cannot_edit_windows(wushen) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    response = post(clerk, f"{BASE}save", {"code": "ZC01", "name": "x"})
    assert response.status_code in (400, 403)
    assert Window.objects.get(code="ZC01").name != "x"


def test_a_value_added_window_gets_its_domain_and_loses_it_as_another_kind(wenling) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    admin = logged_in(wenling, Role.COUNTY_ADMIN)
    connection.set_tenant(wenling)
    window = Window.objects.filter(kind="value_added").first()
    assert window is not None
    base = "/c/331081/admin/windows/save"
    form = {
        "code": window.code,
        "name": window.name,
        "kind": "value_added",
        "zone": window.zone.code,
        "valueDomain": "legal",
    }
    assert post(admin, base, form).status_code == 302
    connection.set_tenant(wenling)
    assert Window.objects.get(code=window.code).value_domain == "legal"
    assert post(admin, base, {**form, "kind": "universal"}).status_code == 302  # the domain goes with it
    connection.set_tenant(wenling)
    changed = Window.objects.get(code=window.code)
    assert changed.kind == "universal" and not changed.value_domain


def test_the_windows_page_shows_the_centres_universal_share(wushen) -> None:  # type: ignore[no-untyped-def]
    # 001 二(6) 旗政务服务中心…无差别综合窗口…设置比例不低于80%: ZC01–ZC04 of ZC01–ZC04 + FL01;
    # 嘎鲁图镇's GLT01 is a township window, not counted
    page = get(logged_in(wushen, Role.COUNTY_ADMIN), BASE).content.decode()
    assert "县级中心无差别综合窗口 4 个 / 综合窗口 5 个（80%），本县目标不低于 80%" in page
    assert '<span class="tag green">达标</span>' in page
