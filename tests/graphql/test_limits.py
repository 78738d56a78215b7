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


# --- issue 14: what an anonymous caller could make the server do -------------------------

FAN_OUT = (
    "query{...F0}"
    + "".join(f"fragment F{i} on CountyQuery{{...F{i + 1} ...F{i + 1}}}" for i in range(24))
    + "fragment F24 on CountyQuery{county{code}}"
)


def test_a_fragment_fan_out_is_priced_once_per_fragment_and_refused_fast(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    import time

    client.logout()
    started = time.monotonic()
    status, body = gql(client, FAN_OUT, path=county_path("150626"))
    took = time.monotonic() - started
    assert status == 400 and code(body) == "QUERY_TOO_COSTLY"
    assert body["errors"][0]["extensions"]["cost"] == 2 * 2**24  # county + code, 2^24 times
    assert took < 0.2, f"{took:.3f}s"


def test_aliases_count_and_cost_even_for_typename(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.logout()
    few = "{" + " ".join(f"a{i}: __typename" for i in range(11)) + "}"
    _, body = gql(client, few, path=county_path("150626"))
    assert code(body) == "TOO_MANY_ALIASES" and body["errors"][0]["extensions"]["maxAliases"] == 10
    client.force_login(member_of(wushen, Role.COUNTY_ADMIN))
    many = "{" + " ".join(f"a{i}: __typename" for i in range(201)) + "}"
    _, body = gql(client, many, path=county_path("150626"))
    assert code(body) == "TOO_MANY_ALIASES"


def test_a_huge_document_is_refused_before_it_is_parsed(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    import time

    client.force_login(member_of(wushen, Role.COUNTY_ADMIN))
    huge = "{" + " ".join(f"a{i}: __typename" for i in range(100_000)) + "}"
    started = time.monotonic()
    status, body = gql(client, huge, path=county_path("150626"))
    assert status == 400 and code(body) == "QUERY_TOO_LARGE"
    assert body["errors"][0]["extensions"]["maxBytes"] == 50_000
    tokens = "{" + " __typename" * 6000 + "}"  # 66 KB of text would pass a looser byte cap
    with override_settings(GRAPHQL_MAX_BYTES=10**6):
        status, body = gql(client, tokens, path=county_path("150626"))
    assert (
        status == 400
        and code(body) == "QUERY_TOO_LARGE"
        and body["errors"][0]["extensions"]["maxTokens"] == 5000
    )
    comments = "{ county { code } }" + "\n#" * 6000
    with override_settings(GRAPHQL_MAX_BYTES=10**6):
        _, body = gql(client, comments, path=county_path("150626"))
    assert code(body) == "QUERY_TOO_LARGE"
    assert time.monotonic() - started < 1


def test_expensive_resolvers_have_a_real_cost(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.COUNTY_ADMIN))
    packs = "{" + " ".join(f"p{i}: policyPack" for i in range(11)) + "}"
    status, body = gql(client, packs, path=county_path("150626"))
    assert (
        status == 400
        and code(body) == "QUERY_TOO_COSTLY"
        and body["errors"][0]["extensions"]["cost"] == 11_000
    )
    two_thousand = "{" + " ".join(f"p{i}: policyPack" for i in range(2000)) + "}"
    assert code(gql(client, two_thousand, path=county_path("150626"))[1]) in (
        "QUERY_TOO_LARGE",
        "TOO_MANY_ALIASES",
        "QUERY_TOO_COSTLY",
    )
    _, body = gql(client, "{ a: policyPack b: policyPack }", path=county_path("150626"))
    assert "errors" not in body


def test_anonymous_callers_get_the_tightest_limits(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.logout()
    one = "guideItems(first: 100) { edges { node { code name department { name } materials { name } } } }"
    page = "{ a: " + one + " b: " + one + " c: " + one + " }"  # 3 × 801
    status, body = gql(client, page, path=county_path("150626"))
    assert (
        status == 400
        and code(body) == "QUERY_TOO_COSTLY"
        and body["errors"][0]["extensions"]["maxCost"] == 2000
    )
    client.force_login(member_of(wushen, Role.INTAKE_CLERK))
    assert "errors" not in gql(client, page, path=county_path("150626"))[1]


def test_the_document_cache_is_bounded_by_bytes(client: Client) -> None:
    from onewindow.graphql.core.views import checked_documents

    checked_documents.clear()
    with override_settings(GRAPHQL_DOCUMENT_CACHE_BYTES=20 * 1024 * 1024):
        for i in range(40):  # 40 distinct ~45 KB documents: 180 MB if each were kept
            query = "{ counties(first: 1) { totalCount } }" + f"#{i}" + " " * 45_000
            gql(client, query)
        assert checked_documents.size <= 20 * 1024 * 1024
        assert 0 < len(checked_documents.entries) < 40
    checked_documents.clear()


def test_every_string_limit_names_a_real_argument() -> None:
    from graphql import GraphQLInputObjectType
    from onewindow.graphql.core.inputs import STRING_LIMITS
    from onewindow.graphql.schemas import county_schema, platform_schema

    known = set()
    for schema in (county_schema.graphql_schema, platform_schema.graphql_schema):
        for type_ in schema.type_map.values():
            if isinstance(type_, GraphQLInputObjectType):
                known |= {f"{type_.name}.{f}" for f in type_.fields}
            for name, field in (
                getattr(type_, "fields", {}).items() if not isinstance(type_, GraphQLInputObjectType) else ()
            ):
                known |= {f"{type_.name}.{name}.{a}" for a in getattr(field, "args", {})}
    assert set(STRING_LIMITS) <= known, sorted(set(STRING_LIMITS) - known)


def test_every_field_cost_names_a_real_field() -> None:
    from onewindow.graphql.core.validation import FIELD_COSTS
    from onewindow.graphql.schemas import county_schema, platform_schema

    known = {
        f"{t.name}.{f}"
        for schema in (county_schema.graphql_schema, platform_schema.graphql_schema)
        for t in (schema.query_type, schema.mutation_type)
        if t is not None
        for f in t.fields
    }
    assert set(FIELD_COSTS) <= known, sorted(set(FIELD_COSTS) - known)
