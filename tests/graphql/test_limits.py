"""Depth, cost and page-size limits are refused before any resolver, each with a code."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from onewindow.platform.accounts.roles import Role
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def operator(client: Client) -> None:
    client.force_login(member_of(None, Role.PROVINCIAL_OPERATOR))


def code(body: dict) -> str:  # type: ignore[type-arg]
    return str(body["errors"][0]["extensions"]["code"])


def test_first_over_100_is_refused(client: Client) -> None:
    _, body = gql(client, "{ counties(first: 101) { edges { node { code } } } }")
    assert code(body) == "PAGE_TOO_LARGE"
    _, body = gql(client, "query($n: Int) { counties(first: $n) { totalCount } }", {"n": 500})
    assert code(body) == "PAGE_TOO_LARGE"


def test_first_or_last_is_required(client: Client) -> None:
    _, body = gql(client, "{ counties { totalCount } }")
    assert code(body) == "PAGINATION_REQUIRED"


def test_too_deep_is_refused(client: Client) -> None:
    query = "{ counties(first: 1) { edges { node { code } } } }"  # depth 4
    with override_settings(GRAPHQL_MAX_DEPTH=3):
        status, body = gql(client, query)
    assert status == 400 and code(body) == "QUERY_TOO_DEEP"
    assert body["errors"][0]["extensions"]["maxDepth"] == 3
    _, body = gql(client, query)
    assert "errors" not in body


def test_depth_counts_through_fragments(client: Client) -> None:
    query = """
      query { counties(first: 1) { ...E } }
      fragment E on CountyConnection { edges { node { code } } }"""
    with override_settings(GRAPHQL_MAX_DEPTH=3):
        _, body = gql(client, query)
    assert code(body) == "QUERY_TOO_DEEP"


def test_too_costly_is_refused_with_the_default_limit(client: Client) -> None:
    # 20 aliases × (1 + 100 × 6 fields) = 12 020 > 10 000
    one = "c{i}: counties(first: 100) {{ edges {{ node {{ code name province status }} }} }}"
    query = "{ " + " ".join(one.format(i=i) for i in range(20)) + " }"
    status, body = gql(client, query)
    assert status == 400 and code(body) == "QUERY_TOO_COSTLY"
    assert body["errors"][0]["extensions"]["cost"] == 12020


def test_introspection_is_off_when_configured(client: Client) -> None:
    with override_settings(GRAPHQL_INTROSPECTION=False):
        _, body = gql(client, "{ __schema { types { name } } }")
        assert code(body) == "INTROSPECTION_DISABLED"
        client.logout()  # (an operator is no member of the county)
        _, body = gql(client, "{ county { name __typename } }", path=county_path("150626"))
        assert body["data"]["county"]["__typename"] == "County"
    _, body = gql(client, "{ __schema { queryType { name } } }")
    assert body["data"]["__schema"]["queryType"]["name"] == "PlatformQuery"


def test_syntax_errors_and_get_mutations(client: Client) -> None:
    status, body = gql(client, "{ counties(first: 1) { ")
    assert status == 400 and body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    response = client.get("/graphql", {"query": 'mutation { revokeApiToken(id: "1") { errors { code } } }'})
    assert response.status_code == 405


def test_checked_documents_are_reused_but_never_across_limits(client: Client) -> None:
    query = "{ counties(first: 1) { edges { node { code } } } }"
    assert "errors" not in gql(client, query)[1]  # cached as valid under the default limits …
    with override_settings(GRAPHQL_MAX_DEPTH=3):
        assert code(gql(client, query)[1]) == "QUERY_TOO_DEEP"  # … but not under others
