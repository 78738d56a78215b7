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
from tests.factories import bulk_cases, member_of
from tests.graphql.helpers import county_path, gql

pytestmark = pytest.mark.django_db


def queries(client: Client, query: str, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        status, body = gql(client, query, path=path)
    assert status == 200 and "errors" not in body, body
    return len(ctx.captured_queries)


def page_counts(client: Client, query: str, path: str, field: str) -> tuple[int, int]:
    """The SQL count of ``query`` (``PAGE`` standing for ``first``) at 10 and at 100 rows; the
    page must really be full each time."""
    counts = []
    for size in (10, 100):
        with CaptureQueriesContext(connection) as ctx:
            status, body = gql(client, query.replace("PAGE", str(size)), path=path)
        assert status == 200 and "errors" not in body, body
        assert len(body["data"][field]["edges"]) == size
        counts.append(len(ctx.captured_queries))
    return counts[0], counts[1]


CASE_FIELDS = """number itemName departmentName windowCode parentNumber overdue reviewLevel reminderLevel
  applicant { name idNumber phone masked }
  materials { code state } notices { number } pauses { kind startedOn } extensions { days }
  issuance { windowCode } timeline { action }
  commitments { id content dueOn overdue } resultHandover { dueOn departmentCode windowCode }"""


def test_case_list_with_every_list_field_costs_the_same_at_10_and_100(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    """The case list with materials, notices, pauses, extensions, timeline and sub-cases (with
    theirs), read by a role that sees personal data: one pii.read event per field and request."""
    from onewindow.tenants.audit.models import AuditEvent

    connection.set_tenant(wushen)
    bulk_cases(100)
    client.force_login(member_of(wushen, Role.INTAKE_CLERK))
    query = (
        f"{{ cases(first: PAGE) {{ edges {{ node {{ {CASE_FIELDS} subCases {{ {CASE_FIELDS} }} }} }} }} }}"
    )
    reads = AuditEvent.objects.filter(action="pii.read").count()
    ten, hundred = page_counts(client, query, county_path("150626"), "cases")
    assert ten == hundred
    assert AuditEvent.objects.filter(action="pii.read").count() == reads + 4  # 2 fields × 2 requests
    latest = AuditEvent.objects.filter(action="pii.read").latest("id")
    assert len(latest.data["ids"]) == 100  # parents and sub-cases share an applicant here


def test_my_api_tokens(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    user = member_of(wushen, Role.COUNTY_ADMIN)
    client.force_login(user)
    query = "{ myApiTokens(first: 100) { edges { node { prefix countyCode createdAt } } } }"
    issue_api_token(user, wushen, "first")
    one = queries(client, query, county_path("150626"))
    for i in range(5):
        issue_api_token(user, wushen, f"more {i}")
    assert queries(client, query, county_path("150626")) == one


def test_calendar_overrides(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.COUNTY_ADMIN))
    query = "{ calendarOverrides(first: 100) { edges { node { date kind reason } } } }"
    set_calendar_override(dt.date(2026, 3, 4), "closed", "停电", actor="tests")
    one = queries(client, query, county_path("150626"))
    for day in range(10, 20):
        set_calendar_override(dt.date(2026, 3, day), "closed", "停电", actor="tests")
    assert queries(client, query, county_path("150626")) == one
