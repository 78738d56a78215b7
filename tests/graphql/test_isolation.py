"""Tenancy is never an accident: county A's data and members stay in county A."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test import Client

from onewindow.platform.accounts.roles import Role
from onewindow.platform.accounts.services import issue_api_token, revoke_api_token
from onewindow.platform.counties.models import Domain
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.workcalendar.models import CalendarOverride
from onewindow.tenants.workcalendar.services import set_calendar_override
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql, nodes

pytestmark = pytest.mark.django_db

OVERRIDES = "{ calendarOverrides(first: 100) { edges { node { date reason } } } }"


def test_rows_of_one_county_are_invisible_from_another(wushen, wenling) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(wushen)
    set_calendar_override(dt.date(2026, 3, 4), "closed", "乌审旗停电", actor="tests")
    assert CalendarOverride.objects.count() == 1
    assert AuditEvent.objects.filter(action="calendar.override_set").count() == 1
    connection.set_tenant(wenling)
    assert CalendarOverride.objects.count() == 0
    assert AuditEvent.objects.filter(action="calendar.override_set").count() == 0


def test_a_member_of_a_is_refused_on_b_by_session(client: Client, wushen, wenling) -> None:  # type: ignore[no-untyped-def]
    connection.set_tenant(wushen)
    with transaction.atomic():
        set_calendar_override(dt.date(2026, 3, 4), "closed", "乌审旗停电", actor="tests")
    client.force_login(member_of(wushen, Role.COUNTY_ADMIN))

    _, own = gql(client, OVERRIDES, path=county_path("150626"))
    assert nodes(own["data"]["calendarOverrides"]) == [{"date": "2026-03-04", "reason": "乌审旗停电"}]

    status, other = gql(client, OVERRIDES, path=county_path("331081"))
    assert status == 403 and other["errors"][0]["extensions"]["code"] == "NOT_A_MEMBER"
    # ...and cannot write there either.
    status, other = gql(
        client,
        'mutation { setCalendarOverride(date: "2026-03-05", kind: CLOSED, reason: "x") { errors { code } } }',
        path=county_path("331081"),
    )
    assert status == 403
    connection.set_tenant(wenling)
    assert not CalendarOverride.objects.exists()


def test_a_county_token_works_only_on_its_county(client: Client, wushen, wenling) -> None:  # type: ignore[no-untyped-def]
    # The same user also belongs to 温岭; the token is still scoped to 乌审旗 alone.
    from onewindow.platform.accounts.models import Membership

    user = member_of(wushen, Role.COUNTY_ADMIN)
    Membership.objects.create(user=user, county=wenling, roles=[Role.COUNTY_ADMIN])
    secret = issue_api_token(user, wushen, "12345 热线对接").secret

    status, body = gql(client, "{ me { username } }", path=county_path("150626"), token=secret)
    assert status == 200 and body["data"]["me"]["username"] == user.username

    status, body = gql(client, "{ me { username } }", path=county_path("331081"), token=secret)
    assert status == 403 and body["errors"][0]["extensions"]["code"] == "TOKEN_SCOPE_MISMATCH"
    status, body = gql(client, "{ me { username } }", path="/graphql", token=secret)
    assert status == 403 and body["errors"][0]["extensions"]["code"] == "TOKEN_SCOPE_MISMATCH"


def test_a_member_of_a_with_a_token_is_refused_on_b(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    user = member_of(wushen, Role.APPROVER)
    secret = issue_api_token(user, wushen, "审批系统").secret
    status, _ = gql(client, OVERRIDES, path=county_path("410222"), token=secret)
    assert status == 403


def test_platform_tokens_do_not_open_counties(client: Client) -> None:
    operator = member_of(None, Role.PROVINCIAL_OPERATOR)
    secret = issue_api_token(operator, None, "省平台看板").secret
    status, body = gql(client, "{ counties(first: 10) { totalCount } }", path="/graphql", token=secret)
    assert status == 200 and body["data"]["counties"]["totalCount"] >= 3
    status, body = gql(client, "{ county { name } }", path=county_path("150626"), token=secret)
    assert status == 403 and body["errors"][0]["extensions"]["code"] == "TOKEN_SCOPE_MISMATCH"


def test_revoked_and_forged_tokens_are_refused(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    user = member_of(wushen, Role.COUNTY_ADMIN)
    issued = issue_api_token(user, wushen, "x")
    revoke_api_token(issued.token.pk, actor=user, county=wushen)
    status, body = gql(client, "{ me { username } }", path=county_path("150626"), token=issued.secret)
    assert status == 401 and body["errors"][0]["extensions"]["code"] == "INVALID_TOKEN"
    forged = issued.secret[:-4] + "AAAA"
    status, _ = gql(client, "{ me { username } }", path=county_path("150626"), token=forged)
    assert status == 401


def test_tokens_are_stored_hashed(wushen) -> None:  # type: ignore[no-untyped-def]
    user = member_of(wushen, Role.COUNTY_ADMIN)
    issued = issue_api_token(user, wushen, "x")
    issued.token.refresh_from_db()
    assert issued.secret not in issued.token.key_hash and len(issued.token.key_hash) == 64


def test_a_county_host_serves_only_that_county(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    Domain.objects.create(domain="wsq.gov.example", tenant=wushen, is_primary=True)
    _, body = gql(client, "{ county { code } }", path="/graphql", HTTP_HOST="wsq.gov.example")
    assert body["data"]["county"]["code"] == "150626"
    status, body = gql(client, "{ county { code } }", path=county_path("331081"), HTTP_HOST="wsq.gov.example")
    assert status == 404


def test_unknown_hosts_reach_nothing(client: Client) -> None:
    response = client.get("/healthz", HTTP_HOST="evil.localhost")
    assert response.status_code == 404
