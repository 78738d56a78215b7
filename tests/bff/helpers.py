"""Page tests: a logged-in client for a role in a county, and the county kept active."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client

from tests.factories import member_of

VALID_PERSON_ID = "150626199001011239"  # check digit right (GB 11643)
VALID_USCC = "91150626MA0N12345A"  # check digit right (GB 32100)


def logged_in(county: Any, *roles: str, username: str | None = None) -> Client:
    user = member_of(county, *roles, username=username)
    client = Client()
    client.force_login(user)
    return client


def get(client: Client, path: str, **extra: Any) -> Any:
    return _keep(lambda: client.get(path, **extra))


def post(client: Client, path: str, data: dict[str, Any], **extra: Any) -> Any:
    return _keep(lambda: client.post(path, data, **extra))


def _keep(call: Any) -> Any:
    # The routing middleware leaves the public schema active after each request; tests go on
    # working in the county they had.
    before = getattr(connection, "tenant", None)
    try:
        return call()
    finally:
        if before is not None:
            connection.set_tenant(before)
