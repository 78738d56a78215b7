"""Malformed bodies and out-of-range arguments (issue 14): each answers a typed error with a
code — never an HTTP 500, never ``INTERNAL_ERROR`` — and changes nothing."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from django.test import Client

from onewindow.platform.accounts.roles import Role
from onewindow.tenants.cases.models import Case
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql

pytestmark = pytest.mark.django_db
WUSHEN = county_path("150626")


def cursor(n: int | str) -> str:
    return base64.b64encode(f"arrayconnection:{n}".encode()).decode()


@pytest.fixture
def admin(client: Client, wushen) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.COUNTY_ADMIN, Role.CENTRE_MANAGER, Role.INTAKE_CLERK))
    return client


def codes(body: dict[str, Any]) -> list[str]:
    out = [str(e.get("extensions", {}).get("code")) for e in body.get("errors") or []]
    for payload in (body.get("data") or {}).values():
        if isinstance(payload, dict):
            out += [e["code"] for e in payload.get("errors") or []]
    return out


def raw(client: Client, body: bytes, content_type: str = "application/json") -> tuple[int, dict[str, Any]]:
    response = client.post(WUSHEN, data=body, content_type=content_type)
    return response.status_code, json.loads(response.content)


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b'{"query":123}', "application/json", 400, "INVALID_QUERY"),
        (b'{"query":"{county{code}}","operationName":5}', "application/json", 400, "INVALID_QUERY"),
        (b'{"query":"{county{code}}","variables":[1]}', "application/json", 400, "INVALID_VARIABLES"),
        (
            b'{"query":"{county{code}}","variables":' + b'{"a":' * 100_000 + b"1" + b"}" * 100_001,
            "application/json",
            400,
            "VARIABLES_TOO_DEEP",
        ),
        (
            b'{"query":"{county{code}}","variables":' + b'{"a":' * 50 + b"1" + b"}" * 51,
            "application/json",
            400,
            "VARIABLES_TOO_DEEP",
        ),
        (b"{county{code \xff\xfe}}", "application/graphql", 400, "INVALID_ENCODING"),
        (b'{"query":"{county{code}}"\xff}', "application/json", 400, "INVALID_ENCODING"),
        (b"[1,2]", "application/json", 400, "INVALID_JSON"),
        (b"{nope", "application/json", 400, "INVALID_JSON"),
        (b"{}", "application/json", 400, "QUERY_REQUIRED"),
    ],
)
def test_malformed_bodies_are_400s_with_a_code(
    admin: Client, body: bytes, content_type: str, status: int, code: str
) -> None:
    got_status, answer = raw(admin, body, content_type)
    assert (got_status, codes(answer)) == (status, [code])


def test_an_anonymous_body_is_small(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    padding = "x" * 70_000
    status, answer = raw(
        client, json.dumps({"query": "{county{code}}", "variables": {"p": padding}}).encode()
    )
    assert (status, codes(answer)) == (413, ["BODY_TOO_LARGE"])
    member = member_of(wushen, Role.INTAKE_CLERK)
    client.force_login(member)
    status, answer = raw(
        client, json.dumps({"query": "{county{code}}", "variables": {"p": padding}}).encode()
    )
    assert status == 200 and answer["data"]["county"]["code"] == "150626"


QUERIES = [
    ("{ cases(first: 0) { totalCount edges { node { number } } pageInfo { hasNextPage } } }", None),
    ("{ cases(last: 0) { edges { node { number } } } }", None),
    ('{ cases(first: 2, after: "' + cursor(-5) + '") { edges { node { number } } } }', "INVALID_CURSOR"),
    ('{ cases(first: 2, after: "' + cursor(10**25) + '") { edges { node { number } } } }', "INVALID_CURSOR"),
    ('{ cases(last: 2, before: "' + cursor(10**25) + '") { edges { node { number } } } }', "INVALID_CURSOR"),
    ('{ cases(first: 2, after: "garbage") { edges { node { number } } } }', "INVALID_CURSOR"),
    ('{ members(first: 2, after: "' + cursor(-1) + '") { edges { node { username } } } }', "INVALID_CURSOR"),
    ("{ cases(first: 2, dueWithinDays: 2147483647) { edges { node { number } } } }", "INVALID_DAYS"),
    ("{ cases(first: 2, dueWithinDays: -2147483648) { edges { node { number } } } }", "INVALID_DAYS"),
    ("{ cases(first: 1, last: null) { edges { node { number } } } }", None),
    ("{ cases(last: null) { edges { node { number } } } }", "PAGINATION_REQUIRED"),
    ("{ policyVersions(last: null) { number } }", None),
    ("{ policyVersions(last: -1) { number } }", None),
    ('{ assessmentPeriod(id: "abc") { id } }', "INVALID_ID"),
    ('{ ranking(period: "²") { rank } }', "INVALID_ID"),
    (
        '{ ranking(period: "' + base64.b64encode("AssessmentPeriod:²".encode()).decode() + '") { rank } }',
        "INVALID_ID",
    ),
    ('{ trend(ruleSet: "x", subject: "y", year: 0) { rank } }', "INVALID_YEAR"),
    ('{ annualScores(ruleSet: "x", year: 0) { subject } }', "INVALID_YEAR"),
    ("{ calendarMonth(year: 0, month: 1) { year } }", "INVALID_YEAR"),
    ("{ calendarMonth(year: 2026, month: 13) { year } }", "INVALID_VALUE"),
    ('{ addWorkingDays(start: "9999-12-31", days: 5) }', "DATE_OUT_OF_RANGE"),
    ('{ addWorkingDays(start: "2026-03-02", days: 2147483647) }', "INVALID_DAYS"),
    ('{ fallbackWeeklyReport(weekOf: "9999-12-31") { weekStart } }', "DATE_OUT_OF_RANGE"),
    ('{ awards(ruleSet: "x", day: "0001-01-01") { code } }', "DATE_OUT_OF_RANGE"),
    (
        '{ assessmentSummary(ruleSet: "x", start: "2026-01-01", end: "9999-12-31") { subject } }',
        "DATE_OUT_OF_RANGE",
    ),
    ('{ case(number: "a\\u0000b") { number } }', "BAD_USER_INPUT"),
    ("{ dashboard(weeks: 2147483647, top: 2147483647) { __typename } }", "INVALID_VALUE"),
    ("{ dashboard(weeks: null, top: null) { weeks { endsOn } } }", None),
    ("{ catalogChangeRequests(openOnly: null, first: 1) { totalCount } }", None),
]


@pytest.mark.parametrize(("query", "code"), QUERIES, ids=[q for q, _ in QUERIES])
def test_out_of_range_arguments_get_a_code(admin: Client, query: str, code: str | None) -> None:
    status, body = gql(admin, query, path=WUSHEN)
    assert status < 500 and "INTERNAL_ERROR" not in codes(body), body
    if code is None:
        assert "errors" not in body, body
    else:
        assert code in codes(body), body


@pytest.mark.parametrize(
    ("value", "code"),
    [("a\x00b", "BAD_USER_INPUT"), ("a\ud800b", "BAD_USER_INPUT"), ("x" * 5001, "STRING_TOO_LONG")],
)
def test_bad_strings_in_variables_are_refused_before_the_resolver(
    admin: Client, value: str, code: str
) -> None:
    body = json.dumps(
        {"query": "query($s: String!) { case(number: $s) { number } }", "variables": {"s": value}},
        ensure_ascii=True,  # a lone surrogate travels as its \\ud800 escape
    ).encode()
    status, answer = raw(admin, body)
    assert status == 200 and codes(answer) == [code]
    assert answer["errors"][0]["extensions"]["field"] == "number"


def test_a_megabyte_idempotency_key_is_refused_and_nothing_is_received(admin: Client) -> None:
    before = Case.objects.count()
    mutation = """mutation($key: String) { receiveCase(applicant: {kind: "person", name: "王芳",
        idNumber: "150626198406130004"}, item: "QY-SL", channel: "window", window: "ZC01", provided: [],
        idempotencyKey: $key) { errors { field code } case { number } } }"""
    status, body = gql(admin, mutation, {"key": "k" * 1_000_000}, path=WUSHEN)
    assert status == 200 and codes(body) == ["STRING_TOO_LONG"], body
    assert body["errors"][0]["extensions"]["field"] == "idempotencyKey"
    # the column holds 100 characters: 101 is the service's typed error, not a database error
    status, body = gql(admin, mutation, {"key": "k" * 101}, path=WUSHEN)
    assert body["data"]["receiveCase"]["errors"] == [{"field": "idempotencyKey", "code": "STRING_TOO_LONG"}]
    assert Case.objects.count() == before


def test_save_bundle_with_unknown_items_is_a_typed_error(admin: Client) -> None:
    mutation = """mutation { saveBundle(input: {code: "YJS-X", name: "测试一件事",
        items: ["NO-SUCH-ITEM", "QY-SL"], leadDepartment: "scjg", promisedLimitDays: 5}) { errors { field code } } }"""
    status, body = gql(admin, mutation, path=WUSHEN)
    assert status == 200 and "INTERNAL_ERROR" not in codes(body), body
    errors = body["data"]["saveBundle"]["errors"]
    assert errors and errors[0]["code"] == "UNKNOWN_REFERENCE", errors


def test_offset_on_cases_skips_rows_in_both_directions(admin: Client) -> None:
    from tests.factories import bulk_cases

    bulk_cases(5)
    numbers = lambda body: [e["node"]["number"] for e in body["data"]["cases"]["edges"]]  # noqa: E731
    _, everything = gql(admin, "{ cases(first: 100) { edges { node { number } } } }", path=WUSHEN)
    all_numbers = numbers(everything)
    _, skipped = gql(admin, "{ cases(first: 2, offset: 2) { edges { node { number } } } }", path=WUSHEN)
    assert numbers(skipped) == all_numbers[2:4]
    after = cursor(0)
    query = '{ cases(first: 2, after: "' + after + '", offset: 1) { edges { node { number } } } }'
    _, body = gql(admin, query, path=WUSHEN)
    assert numbers(body) == all_numbers[2:4]
    _, body = gql(admin, "{ cases(last: 2, offset: 1) { edges { node { number } } } }", path=WUSHEN)
    assert numbers(body) == all_numbers[-2:]


def test_field_suggestions_are_withheld_when_introspection_is_off(admin: Client) -> None:
    from django.test import override_settings

    from onewindow.graphql.core.views import checked_documents

    checked_documents.clear()
    with override_settings(GRAPHQL_INTROSPECTION=False):
        _, body = gql(admin, '{ cas(number: "1") { number } }', path=WUSHEN)
        assert "Did you mean" not in json.dumps(body) and codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
        _, body = gql(admin, "{ cases(first: 1, status: RECEVED) { totalCount } }", path=WUSHEN)
        assert "Did you mean" not in json.dumps(body)
        _, body = gql(
            admin,
            "query($s: CaseStatus) { cases(first: 1, status: $s) { totalCount } }",
            {"s": "RECEVED"},
            path=WUSHEN,
        )
        assert "Did you mean" not in json.dumps(body)
    _, body = gql(admin, '{ cas(number: "1") { number } }', path=WUSHEN)
    assert "Did you mean" in json.dumps(body)  # in development the hints help
