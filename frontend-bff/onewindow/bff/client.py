"""The one door from the pages to the API: run a persisted GraphQL operation as the caller.

Which client runs is a setting (``BFF_GRAPHQL_CLIENT``), wired at the top of the project: in
process by default (the real GraphQL view, called with the caller's identity and county, so
every permission check of the API applies to a page), or over HTTP when the BFF is deployed
on its own (:mod:`onewindow.bff.http_client`). This package imports no other layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string


@dataclass
class Response:
    """What the API answered: an HTTP status and the GraphQL body (``data`` / ``errors``)."""

    status: int
    body: dict[str, Any] = field(default_factory=dict)

    @property
    def data(self) -> dict[str, Any]:
        return self.body.get("data") or {}

    @property
    def errors(self) -> list[dict[str, Any]]:
        return list(self.body.get("errors") or [])


class GraphQLClient(Protocol):
    def execute(
        self, request: HttpRequest, document: str, variables: dict[str, Any], *, platform: bool
    ) -> Response:
        """Run ``document`` against the county API of ``request`` (or the platform API)."""
        ...


@cache
def get_client() -> GraphQLClient:
    client: GraphQLClient = import_string(settings.BFF_GRAPHQL_CLIENT)()
    return client
