"""The ``dashboard`` query: who may ask, its arguments, and its SQL (a handful, whatever the data)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onewindow.platform.accounts.roles import Role
from onewindow.platform.counties.models import County
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql

pytestmark = pytest.mark.django_db

PATH = county_path("150626")
QUERY = """query($weeks: Int, $top: Int) { dashboard(weeks: $weeks, top: $top) {
  today thisWeek { startsOn received decided overdue onTimeRate goodRate }
  weeks { startsOn } overdueNow openFallback openWorkOrders
  openByAge { label minDays maxDays fallback workOrders }
  ranking { ruleSet status rows { rank name total } } } }"""


def _as(client: Client, county: County, *roles: str) -> Client:
    client.force_login(member_of(county, *roles))
    return client


def test_a_leader_reads_twelve_weeks_by_default(client: Client, wushen: County) -> None:
    _as(client, wushen, Role.LEADER)
    with CaptureQueriesContext(connection) as ctx:
        status, body = gql(client, QUERY, path=PATH)
    assert status == 200 and "errors" not in body, body
    dashboard = body["data"]["dashboard"]
    assert (
        len(dashboard["weeks"]) == 12
        and dashboard["weeks"][-1]["startsOn"] == dashboard["thisWeek"]["startsOn"]
    )
    assert [b["label"] for b in dashboard["openByAge"]] == ["3天以内", "4–7天", "8–15天", "15天以上"]
    assert dashboard["openByAge"][-1]["maxDays"] is None and dashboard["ranking"] is None
    # the selector's statements (7 with no closed period) plus the request's own (session, membership)
    selector = [q for q in ctx.captured_queries if "cases_case" in q["sql"] or "cases_review" in q["sql"]]
    assert len(selector) == 5


@pytest.mark.parametrize("role", [Role.INTAKE_CLERK, Role.GUIDE, Role.SUPERVISOR])
def test_staff_without_the_permission_are_refused(client: Client, wushen: County, role: str) -> None:
    _as(client, wushen, role)
    _, body = gql(client, QUERY, path=PATH)
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED" and body["data"] is None


def test_a_leader_of_another_county_is_not_a_member_here(client: Client, wenling: County) -> None:
    _as(client, wenling, Role.LEADER)
    _, body = gql(client, QUERY, path=PATH)
    assert body["errors"][0]["extensions"]["code"] == "NOT_A_MEMBER"


@pytest.mark.parametrize(("weeks", "top"), [(0, 10), (53, 10), (12, 0), (12, 51)])
def test_out_of_range_arguments(client: Client, wushen: County, weeks: int, top: int) -> None:
    _as(client, wushen, Role.LEADER)
    _, body = gql(client, QUERY, {"weeks": weeks, "top": top}, path=PATH)
    error = body["errors"][0]["extensions"]
    assert error["code"] == "INVALID_VALUE" and error["field"] == ("weeks" if top == 10 else "top")


def test_one_week_is_this_week(client: Client, wushen: County) -> None:
    _as(client, wushen, Role.CENTRE_MANAGER)
    _, body = gql(client, QUERY, {"weeks": 1}, path=PATH)
    assert [w["startsOn"] for w in body["data"]["dashboard"]["weeks"]] == [
        body["data"]["dashboard"]["thisWeek"]["startsOn"]
    ]
