"""The BFF's default GraphQL client: the API's own view, called in process.

Wired here, at the top, so that ``onewindow.bff`` imports no other layer. The page's request
is copied into a JSON POST for the county (or platform) GraphQL view: same user, same county,
same membership and permission checks, same limits and error formatting as over HTTP — only
the network hop is saved.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, QueryDict

from onewindow.bff.client import Response
from onewindow.graphql.core.views import OneWindowGraphQLView, PlatformGraphQLView
from onewindow.graphql.schemas import county_schema, platform_schema


@cache
def _view(platform: bool) -> Any:
    if platform:
        return PlatformGraphQLView.as_view(schema=platform_schema)
    return OneWindowGraphQLView.as_view(schema=county_schema)


class InProcessClient:
    def execute(
        self, request: HttpRequest, document: str, variables: dict[str, Any], *, platform: bool
    ) -> Response:
        call = HttpRequest()
        call.method = "POST"
        call.path = call.path_info = request.path
        call.META = {
            **{k: v for k, v in request.META.items() if not k.startswith("wsgi.")},
            "REQUEST_METHOD": "POST",
            "CONTENT_TYPE": "application/json",
        }
        call.content_type = "application/json"
        call.GET = QueryDict()
        call._body = json.dumps({"query": document, "variables": variables}).encode()
        call._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]  # the page was CSRF-checked
        anonymous = getattr(request, "bff_anonymous", False)
        for attribute in (
            ("tenant", "urlconf") if anonymous else ("user", "session", "tenant", "urlconf", "api_token")
        ):
            if hasattr(request, attribute):
                setattr(call, attribute, getattr(request, attribute))
        if anonymous:
            call.user = AnonymousUser()
        answer = _view(platform)(call)
        try:
            body = json.loads(answer.content or b"{}")
        except ValueError:
            body = {}
        return Response(answer.status_code, body if isinstance(body, dict) else {})
