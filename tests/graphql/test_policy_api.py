"""The pack through GraphQL: county admins on their county, operators on any county."""

from __future__ import annotations

import pytest
from django.test import Client

from onewindow.platform.accounts.roles import Role
from onewindow.tenants.hall.models import Window
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql

pytestmark = pytest.mark.django_db

APPLY = """
mutation($doc: String!) {
  applyPolicyPack(document: $doc) {
    version { number author changes { path change fields } }
    changes { path }
    errors { field code message }
  }
}"""


def test_county_admin_exports_edits_and_applies(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.COUNTY_ADMIN, username="wsq-admin"))
    path = county_path("150626")
    _, body = gql(client, "{ policyPack }", path=path)
    pack = body["data"]["policyPack"]
    edited = pack.replace("name: 综合出件窗口", "name: 综合出件窗口（一楼）", 1)

    _, body = gql(
        client,
        "query($doc: String!) { policyDiff(document: $doc) { path change fields } }",
        {"doc": edited},
        path=path,
    )
    assert body["data"]["policyDiff"] == [{"path": "windows.CJ01", "change": "changed", "fields": ["name"]}]

    _, body = gql(client, APPLY, {"doc": edited}, path=path)
    payload = body["data"]["applyPolicyPack"]
    assert payload["errors"] == []
    assert payload["version"] == {
        "number": 2,
        "author": "wsq-admin",
        "changes": [{"path": "windows.CJ01", "change": "changed", "fields": ["name"]}],
    }
    _, body = gql(client, APPLY, {"doc": edited}, path=path)
    assert body["data"]["applyPolicyPack"] == {"version": None, "changes": [], "errors": []}
    _, body = gql(client, "{ policyPack policyVersions { number source } }", path=path)
    assert "综合出件窗口（一楼）" in body["data"]["policyPack"]
    assert [v["number"] for v in body["data"]["policyVersions"]] == [2, 1]


def test_errors_come_back_as_data_with_yaml_paths(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.COUNTY_ADMIN))
    _, body = gql(client, "{ policyPack }", path=county_path("150626"))
    broken = body["data"]["policyPack"].replace("zone: enterprise", "zone: nowhere", 1)
    _, body = gql(client, APPLY, {"doc": broken}, path=county_path("150626"))
    assert body["data"]["applyPolicyPack"]["errors"] == [
        {"field": "windows[0].zone", "code": "UNKNOWN_REFERENCE", "message": "分区 nowhere 不存在"}
    ]
    assert Window.objects.get(code="ZC01").zone.code == "enterprise"


def test_staff_without_the_permission_cannot_read_or_apply(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.GUIDE))
    _, body = gql(client, "{ policyPack }", path=county_path("150626"))
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    _, body = gql(client, APPLY, {"doc": "x: 1"}, path=county_path("150626"))
    assert body["data"]["applyPolicyPack"]["errors"][0]["code"] == "PERMISSION_DENIED"


def test_operators_export_and_apply_for_a_county(client: Client, wenling) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(None, Role.PROVINCIAL_OPERATOR))
    _, body = gql(client, '{ countyPolicyPack(code: "331081") }')
    pack = body["data"]["countyPolicyPack"]
    assert "value_domain: innovation" in pack
    edited = pack.replace("name: 数据服务窗口", "name: 数据资源服务窗口", 1)
    _, body = gql(
        client,
        'mutation($doc: String!) { applyCountyPolicyPack(code: "331081", document: $doc) '
        "{ version { number } errors { code } } }",
        {"doc": edited},
    )
    assert body["data"]["applyCountyPolicyPack"] == {"version": {"number": 2}, "errors": []}
    from django.db import connection

    connection.set_tenant(wenling)
    assert Window.objects.get(code="ZZ-SJ").name == "数据资源服务窗口"


def test_operators_validate_and_diff_before_applying(client: Client) -> None:
    from onewindow.tenants.policy.presets import preset_text

    client.force_login(member_of(None, Role.PROVINCIAL_OPERATOR))
    query = "query($doc: String!) { validatePolicyPack(document: $doc) { valid errors { field code } } }"
    _, body = gql(client, query, {"doc": preset_text("wenling")})
    assert body["data"]["validatePolicyPack"] == {"valid": True, "errors": []}
    broken = preset_text("wenling").replace("lead_department: fgj}", "lead_department: nobody}", 1)
    _, body = gql(client, query, {"doc": broken})
    assert body["data"]["validatePolicyPack"] == {
        "valid": False,
        "errors": [{"field": "windows[0].lead_department", "code": "UNKNOWN_REFERENCE"}],
    }
    _, body = gql(
        client,
        'query($doc: String!) { countyPolicyDiff(code: "331081", document: $doc) { path change } }',
        {"doc": preset_text("wenling").replace("name: 统一出件窗口", "name: 出件窗口", 1)},
    )
    assert body["data"]["countyPolicyDiff"] == [{"path": "windows.CJ01", "change": "changed"}]


def test_duplicate_hosts_are_refused_before_anything_is_created(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.platform.counties.models import County, Domain

    Domain.objects.create(domain="wsq.localhost", tenant=wushen, is_primary=True)
    client.force_login(member_of(None, Role.PROVINCIAL_OPERATOR))
    _, body = gql(
        client,
        "mutation($input: OnboardCountyInput!) { onboardCounty(input: $input) { job { id } errors { field code } } }",
        {
            "input": {
                "code": "150699",
                "name": "新旗",
                "province": "内蒙古自治区",
                "preset": "wushen",
                "hosts": ["wsq.localhost"],
            }
        },
    )
    assert body["data"]["onboardCounty"] == {
        "job": None,
        "errors": [{"field": "domains[0]", "code": "DOMAIN_TAKEN"}],
    }
    assert not County.objects.filter(code="150699").exists()
