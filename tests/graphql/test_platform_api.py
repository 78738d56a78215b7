"""The platform (provincial) API at /graphql on the public host."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onewindow.platform.accounts.roles import Role
from onewindow.platform.calendar.models import NationalCalendarYear
from onewindow.platform.counties.models import County, CountyStatus
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql, nodes

pytestmark = pytest.mark.django_db

COUNTIES = "{ counties(first: 20) { totalCount edges { node { code name province status } } } }"


@pytest.fixture
def operator(client: Client):  # type: ignore[no-untyped-def]
    user = member_of(None, Role.PROVINCIAL_OPERATOR)
    client.force_login(user)
    return user


def test_operators_list_counties(client: Client, operator) -> None:  # type: ignore[no-untyped-def]
    _, body = gql(client, COUNTIES)
    nodes = [e["node"] for e in body["data"]["counties"]["edges"]]
    assert {"code": "150626", "name": "乌审旗", "province": "内蒙古自治区", "status": "ACTIVE"} in nodes
    assert [n["code"] for n in nodes] == sorted(n["code"] for n in nodes)
    _, body = gql(client, '{ county(code: "331081") { name } }')
    assert body["data"]["county"] == {"name": "温岭市"}


def test_anonymous_callers_get_a_code_not_data(client: Client) -> None:
    _, body = gql(client, COUNTIES)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_county_staff_are_not_platform_members(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.COUNTY_ADMIN))
    status, body = gql(client, COUNTIES)
    assert status == 403 and body["errors"][0]["extensions"]["code"] == "NOT_A_MEMBER"


def test_counties_list_costs_a_constant_number_of_queries(client: Client, operator) -> None:  # type: ignore[no-untyped-def]
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            gql(client, COUNTIES)
        return len(ctx.captured_queries)

    before = count()
    connection.set_schema_to_public()
    for i in range(5):
        County.objects.create(schema_name=f"county_99000{i}", code=f"99000{i}", name=f"测试县{i}")
    assert count() == before


ONBOARD = """
mutation($input: OnboardCountyInput!) {
  onboardCounty(input: $input) { job { id status } errors { field code message } }
}"""


def test_onboarding_validates_before_queueing(client: Client, operator) -> None:  # type: ignore[no-untyped-def]
    from onewindow.platform.counties.models import OnboardingJob

    before = (County.objects.count(), OnboardingJob.objects.count())
    _, body = gql(
        client,
        ONBOARD,
        {"input": {"code": "15062", "name": "", "province": "内蒙古自治区", "preset": "wushen"}},
    )
    errors = {e["field"]: e["code"] for e in body["data"]["onboardCounty"]["errors"]}
    assert errors == {"code": "INVALID_COUNTY_CODE", "name": "REQUIRED"}
    _, body = gql(
        client,
        ONBOARD,
        {"input": {"code": "150626", "name": "乌审旗", "province": "内蒙古自治区", "preset": "wushen"}},
    )
    assert body["data"]["onboardCounty"]["errors"][0]["code"] == "COUNTY_EXISTS"
    assert body["data"]["onboardCounty"]["job"] is None
    _, body = gql(
        client,
        ONBOARD,
        {"input": {"code": "150627", "name": "测试", "province": "内蒙古自治区", "preset": "nope"}},
    )
    assert body["data"]["onboardCounty"]["errors"][0]["code"] == "UNKNOWN_PRESET"
    assert (County.objects.count(), OnboardingJob.objects.count()) == before


def test_an_invalid_pack_is_refused_with_its_yaml_path(client: Client, operator) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.policy.presets import preset_text

    broken = preset_text("tongxu").replace("zone: intake}", "zone: nowhere}", 1)
    _, body = gql(
        client, ONBOARD, {"input": {"code": "410299", "name": "测试县", "province": "河南省", "pack": broken}}
    )
    assert body["data"]["onboardCounty"]["errors"] == [
        {"field": "pack.windows[3].zone", "code": "UNKNOWN_REFERENCE", "message": "分区 nowhere 不存在"}
    ]
    assert not County.objects.filter(code="410299").exists()


def test_only_operators_onboard(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(None, Role.PROVINCIAL_OPERATOR))
    from onewindow.platform.accounts.models import Membership

    Membership.objects.filter(county=None).update(roles=[])
    status, body = gql(
        client, ONBOARD, {"input": {"code": "150627", "name": "x", "province": "y", "preset": "wushen"}}
    )
    # no role left on the platform: refused before any resolver
    assert status == 403 and body["errors"][0]["extensions"]["code"] == "NOT_A_MEMBER"


def test_suspending_a_county_closes_its_api(client: Client, operator) -> None:  # type: ignore[no-untyped-def]
    _, body = gql(
        client,
        'mutation { setCountyStatus(code: "410222", status: SUSPENDED) '
        "{ county { status } errors { code } } }",
    )
    assert body["data"]["setCountyStatus"] == {"county": {"status": "SUSPENDED"}, "errors": []}
    status, body = gql(client, "{ county { name } }", path=county_path("410222"))
    assert status == 403 and body["errors"][0]["extensions"]["code"] == "COUNTY_SUSPENDED"
    assert County.objects.get(code="410222").status == CountyStatus.SUSPENDED
    assert "county_410222" not in County.objects.active().values_list("schema_name", flat=True)


LOAD = """
mutation($holidays: [HolidayInput!]!, $workdays: [Date!]!) {
  loadNationalCalendarYear(year: 2027, holidays: $holidays, workdays: $workdays, source: "国办发明电") {
    year holidayCount workdayCount errors { field code }
  }
}"""


def test_operators_load_a_national_year(client: Client, operator) -> None:  # type: ignore[no-untyped-def]
    _, body = gql(
        client,
        LOAD,
        {"holidays": [{"date": "2027-01-01", "name": "元旦"}], "workdays": ["2027-01-05"]},
    )
    assert body["data"]["loadNationalCalendarYear"]["errors"] == [
        {"field": "workdays[0]", "code": "WORKDAY_NOT_WEEKEND"}
    ]
    assert not NationalCalendarYear.objects.filter(year=2027).exists()
    _, body = gql(client, LOAD, {"holidays": [{"date": "2027-01-01", "name": "元旦"}], "workdays": []})
    assert body["data"]["loadNationalCalendarYear"]["holidayCount"] == 1
    assert NationalCalendarYear.objects.filter(year=2027, source="国办发明电").exists()


def test_tokens_through_the_api(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    user = member_of(wushen, Role.SUPERVISOR)
    client.force_login(user)
    _, body = gql(
        client,
        'mutation { createApiToken(name: "督查大屏") '
        "{ secret token { id prefix countyCode } errors { code } } }",
        path=county_path("150626"),
    )
    created = body["data"]["createApiToken"]
    assert created["errors"] == [] and created["token"]["countyCode"] == "150626"
    client.logout()
    _, body = gql(
        client,
        "{ myApiTokens(first: 100) { edges { node { prefix } } } }",
        path=county_path("150626"),
        token=created["secret"],
    )
    assert nodes(body["data"]["myApiTokens"]) == [{"prefix": created["token"]["prefix"]}]
    _, body = gql(
        client,
        "mutation($id: ID!) { revokeApiToken(id: $id) { token { revokedAt } errors { code } } }",
        {"id": created["token"]["id"]},
        path=county_path("150626"),
        token=created["secret"],
    )
    assert body["data"]["revokeApiToken"]["token"]["revokedAt"]
    status, _ = gql(client, "{ me { username } }", path=county_path("150626"), token=created["secret"])
    assert status == 401


def test_county_staff_may_ask_the_platform_only_who_they_are(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.INTAKE_CLERK))
    status, body = gql(client, "{ me { username roles memberships { countyCode } } }")
    assert status == 200 and body["data"]["me"]["roles"] == []
    assert [m["countyCode"] for m in body["data"]["me"]["memberships"]] == ["150626"]
    for sneaky in (
        "{ me { username } counties(first: 1) { totalCount } }",
        "{ ...me } fragment me on PlatformQuery { counties(first: 1) { totalCount } }",
    ):
        status, body = gql(client, sneaky)
        assert status == 403 and body["errors"][0]["extensions"]["code"] == "NOT_A_MEMBER", sneaky


def test_a_nul_character_in_a_variable_is_a_typed_error(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.INTAKE_CLERK))
    _, body = gql(
        client,
        "query($s: String) { cases(first: 5, search: $s) { totalCount } }",
        {"s": "a\x00b"},
        path="/c/150626/graphql",
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
