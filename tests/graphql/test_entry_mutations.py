"""County admins create, edit and retire hall and catalog entries; each edit is a pack version."""

from __future__ import annotations

import pytest
from django.test import Client

from onewindow.platform.accounts.roles import Role
from onewindow.tenants.hall.models import StaffMember, Window
from onewindow.tenants.policy.models import PolicyVersion
from onewindow.tenants.policy.services import export_yaml
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql

pytestmark = pytest.mark.django_db
PATH = county_path("410222")

SAVE_WINDOW = """
mutation($input: WindowInput!) {
  saveWindow(input: $input) {
    entry { code name kind zone { code } departments { code } }
    version
    errors { field code message }
  }
}"""


@pytest.fixture(autouse=True)
def in_tongxu(tongxu):  # type: ignore[no-untyped-def]
    from django.db import connection

    connection.set_tenant(tongxu)


@pytest.fixture
def admin(client: Client, tongxu):  # type: ignore[no-untyped-def]
    client.force_login(member_of(tongxu, Role.COUNTY_ADMIN))


def test_create_edit_and_retire_a_window(client: Client, admin, tongxu) -> None:  # type: ignore[no-untyped-def]
    new = {
        "code": "FL-GJJ",
        "name": "公积金综合窗口",
        "kind": "domain",
        "zone": "intake",
        "departments": ["rsj"],
    }
    _, body = gql(client, SAVE_WINDOW, {"input": new}, path=PATH)
    payload = body["data"]["saveWindow"]
    assert payload["errors"] == [] and payload["version"] == 2
    assert payload["entry"] == {
        "code": "FL-GJJ",
        "name": "公积金综合窗口",
        "kind": "DOMAIN",
        "zone": {"code": "intake"},
        "departments": [{"code": "rsj"}],
    }
    assert "FL-GJJ" in export_yaml()  # the next export shows the edit

    _, body = gql(client, SAVE_WINDOW, {"input": {**new, "name": "住房公积金综合窗口"}}, path=PATH)
    assert body["data"]["saveWindow"]["entry"]["name"] == "住房公积金综合窗口"

    _, body = gql(
        client, 'mutation { retireWindow(code: "FL-GJJ") { retired version errors { code } } }', path=PATH
    )
    assert body["data"]["retireWindow"] == {"retired": True, "version": 4, "errors": []}
    assert Window.objects.get(code="FL-GJJ").retired_at is not None
    assert [v.source for v in PolicyVersion.objects.order_by("number")][1:] == ["api:windows"] * 3


def test_invalid_input_names_the_input_field(client: Client, admin) -> None:  # type: ignore[no-untyped-def]
    bad = {"code": "X1", "name": "x", "kind": "domain", "zone": "nowhere"}
    _, body = gql(client, SAVE_WINDOW, {"input": bad}, path=PATH)
    assert body["data"]["saveWindow"]["errors"] == [
        {"field": "input.zone", "code": "UNKNOWN_REFERENCE", "message": "分区 nowhere 不存在"}
    ]
    assert not Window.objects.filter(code="X1").exists()


def test_retiring_something_still_referred_to_is_refused(client: Client, admin) -> None:  # type: ignore[no-untyped-def]
    _, body = gql(
        client, 'mutation { retireZone(code: "intake") { retired errors { field code } } }', path=PATH
    )
    payload = body["data"]["retireZone"]
    assert payload["retired"] is None
    assert {"field": "windows[0].zone", "code": "UNKNOWN_REFERENCE"} in payload["errors"]


def test_items_are_edited_with_their_materials(client: Client, admin) -> None:  # type: ignore[no-untyped-def]
    item = {
        "code": "GJJ-TQ",
        "name": "住房公积金提取",
        "itemType": "public_service",
        "department": "rsj",
        "kind": "promised",
        "statutoryLimitDays": 3,
        "promisedLimitDays": 1,
        "materials": [{"code": "sfz", "name": "身份证明", "source": "government", "exempt": "e_licence"}],
        "reviewPoints": ["提取原因与材料一致"],
    }
    query = """mutation($input: ServiceItemInput!) {
      saveServiceItem(input: $input) {
        entry { code materials { code exempt } reviewPoints }
        errors { field code }
      }
    }"""
    _, body = gql(client, query, {"input": item}, path=PATH)
    assert "data" in body, body
    assert body["data"]["saveServiceItem"] == {
        "entry": {
            "code": "GJJ-TQ",
            "materials": [{"code": "sfz", "exempt": "e_licence"}],
            "reviewPoints": ["提取原因与材料一致"],
        },
        "errors": [],
    }
    _, body = gql(client, query, {"input": {**item, "promisedLimitDays": 5}}, path=PATH)
    assert body["data"]["saveServiceItem"]["errors"] == [
        {"field": "input.promised_limit_days", "code": "PROMISED_EXCEEDS_STATUTORY"}
    ]


def test_only_county_admins_edit(client: Client, tongxu) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(tongxu, Role.INTAKE_CLERK))
    _, body = gql(client, 'mutation { retireWindow(code: "BB") { errors { code } } }', path=PATH)
    assert body["data"]["retireWindow"]["errors"] == [{"code": "PERMISSION_DENIED"}]
    assert Window.objects.get(code="BB").retired_at is None


def test_an_edit_keeps_the_fields_it_leaves_out(client: Client, admin) -> None:  # type: ignore[no-untyped-def]
    _, body = gql(
        client, SAVE_WINDOW, {"input": {"code": "FL-QY", "name": "企业服务综合窗口（一楼）"}}, path=PATH
    )
    payload = body["data"]["saveWindow"]
    assert payload["errors"] == []
    assert payload["entry"]["departments"] == [{"code": "scjg"}, {"code": "swj"}]
    window = Window.objects.get(code="FL-QY")
    assert (window.name, window.kind, window.zone.code) == ("企业服务综合窗口（一楼）", "domain", "intake")
    assert window.categories == ["市场准入", "税务"]
    assert PolicyVersion.objects.get(number=payload["version"]).diff == [
        {
            "path": "windows.FL-QY",
            "change": "changed",
            "fields": ["name"],
            "before": {"name": "企业服务综合窗口"},
            "after": {"name": "企业服务综合窗口（一楼）"},
        }
    ]

    query = """mutation($input: StaffMemberInput!) {
      saveStaffMember(input: $input) { entry { code title } errors { field code } }
    }"""
    _, body = gql(client, query, {"input": {"code": "S001", "title": "首席代表"}}, path=PATH)
    assert body["data"]["saveStaffMember"] == {"entry": {"code": "S001", "title": "首席代表"}, "errors": []}
    member = StaffMember.objects.get(code="S001")
    assert (member.name, member.roles, member.department.code, member.window.code) == (
        "张敏",
        ["intake_clerk"],
        "zsj",
        "FL-QY",
    )
    assert member.posted_since is not None and member.posted_since.isoformat() == "2022-04-01"


def test_an_explicit_null_goes_back_to_the_default(client: Client, admin) -> None:  # type: ignore[no-untyped-def]
    _, body = gql(client, SAVE_WINDOW, {"input": {"code": "BBCS", "leadDepartment": None}}, path=PATH)
    assert body["data"]["saveWindow"]["errors"] == []
    window = Window.objects.get(code="BBCS")
    assert window.lead_department is None and window.name == "办不成事监督窗口"


def test_a_new_entry_must_give_the_required_fields(client: Client, admin) -> None:  # type: ignore[no-untyped-def]
    _, body = gql(client, SAVE_WINDOW, {"input": {"code": "FL-NEW", "name": "新窗口"}}, path=PATH)
    assert [(e["field"], e["code"]) for e in body["data"]["saveWindow"]["errors"]] == [
        ("input.kind", "REQUIRED"),
        ("input.zone", "REQUIRED"),
    ]
    assert not Window.objects.filter(code="FL-NEW").exists()


def test_a_bundle_saves_though_its_input_has_a_field_named_items(client: Client, admin) -> None:  # type: ignore[no-untyped-def]
    # a graphene input is a dict whose fields are also attributes: ``items`` once hid dict.items
    query = """mutation($input: BundleInput!) {
      saveBundle(input: $input) { entry { code name items { code } } errors { field code } }
    }"""
    _, body = gql(client, query, {"input": {"code": "bdc-jy", "name": "二手房交易"}}, path=PATH)
    assert body["data"]["saveBundle"]["errors"] == []
    assert body["data"]["saveBundle"]["entry"]["name"] == "二手房交易"
    _, body = gql(
        client, query, {"input": {"code": "bdc-jy", "items": ["BDC-ZY", "SW-QS", "SB-DW"]}}, path=PATH
    )
    assert sorted(i["code"] for i in body["data"]["saveBundle"]["entry"]["items"]) == [
        "BDC-ZY",
        "SB-DW",
        "SW-QS",
    ]


def test_a_county_that_refuses_short_postings_gets_the_field(client: Client, admin, tongxu) -> None:  # type: ignore[no-untyped-def]
    from onewindow.platform.core import clock
    from onewindow.tenants.policy.services import save_settings

    # 001 §15 派驻人员进驻中心时间不少于1年: 通许 chooses to refuse a shorter posting. On 2026-12-01
    # a posting from 2026-06-01 is six months old: refused, beside the field; 2025-12-01 is a year.
    save_settings("hall", {"short_posting": "refuse"}, actor="admin")
    query = """mutation($input: StaffMemberInput!) {
      saveStaffMember(input: $input) { entry { code } errors { field code } }
    }"""
    member = {"code": "S009", "name": "新同事", "department": "rsj", "postedSince": "2026-06-01"}
    with clock.frozen_at("2026-12-01 10:00"):
        _, body = gql(client, query, {"input": member}, path=PATH)
        assert body["data"]["saveStaffMember"] == {
            "entry": None,
            "errors": [{"field": "input.posted_since", "code": "POSTED_UNDER_A_YEAR"}],
        }
        assert not StaffMember.objects.filter(code="S009").exists()
        _, body = gql(client, query, {"input": {**member, "postedSince": "2025-12-01"}}, path=PATH)
    assert body["data"]["saveStaffMember"] == {"entry": {"code": "S009"}, "errors": []}
