"""The one shape of an error answered before GraphQL runs (routing, tokens, membership).

It is the GraphQL error shape, so a client handles a refused request and a GraphQL error alike.
"""

from __future__ import annotations

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse


def error_response(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def is_database_outage(error: BaseException | None) -> bool:
    """The database is not answering (down, restarting, the connection broke): a 503, not a 500."""
    return isinstance(error, OperationalError | InterfaceError)
