"""The county API at /c/<code>/graphql: public county info, members only for the rest."""

from __future__ import annotations

import pytest
from django.test import Client

from onewindow.platform.accounts.roles import Role
from onewindow.tenants.workcalendar.models import CalendarOverride
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("code", "name"), [("150626", "乌审旗"), ("331081", "温岭市"), ("410222", "通许县")])
def test_county_answers_its_name_to_anyone(client: Client, code: str, name: str) -> None:
    status, body = gql(client, "{ county { code name province } }", path=county_path(code))
    assert status == 200, body
    assert body["data"]["county"]["code"] == code
    assert body["data"]["county"]["name"] == name


def test_get_works_for_queries(client: Client) -> None:
    response = client.get("/c/150626/graphql", {"query": "{ county { name } }"})
    assert response.json() == {"data": {"county": {"name": "乌审旗"}}}


def test_me_is_null_for_anonymous_and_shows_roles_for_members(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    _, body = gql(client, "{ me { username } }", path=county_path("150626"))
    assert body["data"]["me"] is None
    user = member_of(wushen, Role.INTAKE_CLERK, username="clerk")
    client.force_login(user)
    _, body = gql(client, "{ me { username roles permissions } }", path=county_path("150626"))
    assert body["data"]["me"]["roles"] == ["intake_clerk"]
    assert "county.view" in body["data"]["me"]["permissions"]


def test_member_fields_need_a_member(client: Client) -> None:
    _, body = gql(
        client, "{ calendarOverrides(first: 100) { edges { node { date } } } }", path=county_path("150626")
    )
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert body["data"] is None


SET_OVERRIDE = """
mutation($date: Date!, $reason: String!) {
  setCalendarOverride(date: $date, kind: CLOSED, reason: $reason) {
    override { date kind reason }
    errors { field code message }
  }
}"""


def test_mutation_permission_is_declared_and_enforced(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.GUIDE))
    _, body = gql(client, SET_OVERRIDE, {"date": "2026-03-04", "reason": "停电"}, path=county_path("150626"))
    payload = body["data"]["setCalendarOverride"]
    assert payload["errors"] == [
        {"field": None, "code": "PERMISSION_DENIED", "message": "没有执行此操作的权限"}
    ]
    assert not CalendarOverride.objects.exists()


def test_mutation_errors_are_data_and_change_nothing(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.COUNTY_ADMIN))
    _, body = gql(client, SET_OVERRIDE, {"date": "2026-03-04", "reason": "  "}, path=county_path("150626"))
    assert body["data"]["setCalendarOverride"]["errors"][0]["code"] == "REQUIRED"
    assert body["data"]["setCalendarOverride"]["errors"][0]["field"] == "reason"
    assert not CalendarOverride.objects.exists()

    _, body = gql(
        client, SET_OVERRIDE, {"date": "2026-03-04", "reason": "停电闭厅"}, path=county_path("150626")
    )
    assert body["data"]["setCalendarOverride"] == {
        "override": {"date": "2026-03-04", "kind": "CLOSED", "reason": "停电闭厅"},
        "errors": [],
    }
    _, body = gql(
        client,
        '{ addWorkingDays(start: "2026-03-02", days: 3) }',
        path=county_path("150626"),
    )
    assert body["data"]["addWorkingDays"] == "2026-03-06"


def test_unexpected_failures_do_not_leak_internals(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.COUNTY_ADMIN))
    _, body = gql(client, '{ addWorkingDays(start: "2027-06-01", days: 3) }', path=county_path("150626"))
    assert body["errors"][0]["extensions"]["code"] == "CALENDAR_YEAR_MISSING"


def test_unknown_county_is_404_with_a_code(client: Client) -> None:
    status, body = gql(client, "{ county { name } }", path=county_path("999999"))
    assert status == 404
    assert body["errors"][0]["extensions"]["code"] == "COUNTY_NOT_FOUND"
