from __future__ import annotations

import json
from typing import Any

from django.db import connection
from django.test import Client


def gql(
    client: Client,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    path: str = "/graphql",
    token: str | None = None,
    **extra: Any,
) -> tuple[int, dict[str, Any]]:
    """POST a GraphQL request through the whole middleware stack; returns (status, body)."""
    headers = dict(extra)
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    # The middleware leaves the connection on the public schema after each request (as it
    # must in production); tests keep working in the county they had active.
    before = getattr(connection, "tenant", None)
    response = client.post(
        path,
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        **headers,
    )
    if before is not None:
        connection.set_tenant(before)
    return response.status_code, json.loads(response.content)


def county_path(code: str) -> str:
    return f"/c/{code}/graphql"


def nodes(connection_data: dict[str, Any]) -> list[Any]:
    """The nodes of a connection in a response (``{edges: [{node}]}`` → ``[node]``)."""
    return [edge["node"] for edge in connection_data["edges"]]
