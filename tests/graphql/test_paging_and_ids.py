"""Paging arguments and global ids: ``offset`` really skips rows; bad ids are typed errors."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from onewindow.platform.accounts.roles import Role
from tests.factories import bulk_cases, member_of
from tests.graphql.helpers import county_path, gql, nodes

pytestmark = pytest.mark.django_db

PATH = county_path("150626")


def numbers(client: Client, args: str) -> list[str]:
    _, body = gql(client, f"{{ cases({args}) {{ edges {{ node {{ number }} }} }} }}", path=PATH)
    assert "errors" not in body, body
    return [n["number"] for n in nodes(body["data"]["cases"])]


def test_offset_skips_rows_after_the_cursor(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(wushen)
    bulk_cases(6)
    client.force_login(member_of(wushen, Role.SUPERVISOR))
    every = numbers(client, "first: 6")
    assert numbers(client, "first: 2, offset: 1") == every[1:3]
    _, body = gql(client, "{ cases(first: 2) { pageInfo { endCursor } } }", path=PATH)
    after = body["data"]["cases"]["pageInfo"]["endCursor"]
    assert numbers(client, f'first: 2, after: "{after}", offset: 1') == every[3:5]
    _, body = gql(client, "{ cases(first: 2, offset: -1) { totalCount } }", path=PATH)
    assert body["errors"][0]["extensions"]["code"] == "INVALID_OFFSET"


def test_ids_that_do_not_decode_are_invalid_id(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.SUPERVISOR))
    for bad in ("1", "not base64", "Q2FzZTox"):  # a raw pk, garbage, a global id of another type
        _, body = gql(client, "query($p: ID!) { ranking(period: $p) { rank } }", {"p": bad}, path=PATH)
        assert body["errors"][0]["extensions"] == {"code": "INVALID_ID", "field": "period"}
    client.force_login(member_of(wushen, Role.COUNTY_ADMIN))
    _, body = gql(
        client,
        'mutation { markCatalogChangeApplied(id: "42") { errors { field code } } }',
        path=PATH,
    )
    assert body["data"]["markCatalogChangeApplied"]["errors"] == [{"field": "id", "code": "INVALID_ID"}]


def test_offset_on_a_list_of_plain_objects(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from onewindow.tenants.workcalendar.models import CalendarOverride
    from tests.factories import bulk

    connection.set_tenant(wushen)
    bulk(CalendarOverride, 5, date=lambda i: dt.date(2026, 3, 2 + i), kind="closed", reason="停电")
    client.force_login(member_of(wushen, Role.SUPERVISOR))
    _, body = gql(client, "{ calendarOverrides(first: 2, offset: 3) { edges { node { date } } } }", path=PATH)
    assert [n["date"] for n in nodes(body["data"]["calendarOverrides"])] == ["2026-03-05", "2026-03-06"]
