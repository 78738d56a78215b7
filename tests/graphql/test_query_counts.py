"""Every list field costs a constant number of SQL queries, however long the list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onewindow.platform.accounts.roles import Role
from onewindow.platform.accounts.services import issue_api_token
from onewindow.tenants.workcalendar.services import set_calendar_override
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql

pytestmark = pytest.mark.django_db


def queries(client: Client, query: str, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        status, body = gql(client, query, path=path)
    assert status == 200 and "errors" not in body, body
    return len(ctx.captured_queries)


def test_my_api_tokens(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    user = member_of(wushen, Role.COUNTY_ADMIN)
    client.force_login(user)
    query = "{ myApiTokens { prefix countyCode createdAt } }"
    issue_api_token(user, wushen, "first")
    one = queries(client, query, county_path("150626"))
    for i in range(5):
        issue_api_token(user, wushen, f"more {i}")
    assert queries(client, query, county_path("150626")) == one


def test_calendar_overrides(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.COUNTY_ADMIN))
    query = "{ calendarOverrides { date kind reason } }"
    set_calendar_override(dt.date(2026, 3, 4), "closed", "停电", actor="tests")
    one = queries(client, query, county_path("150626"))
    for day in range(10, 20):
        set_calendar_override(dt.date(2026, 3, day), "closed", "停电", actor="tests")
    assert queries(client, query, county_path("150626")) == one
