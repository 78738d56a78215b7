"""The BFF deployed apart from the API: the HTTP client carries the browser's session, so the
API sees the same user, and refuses what it would refuse the browser."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.http import HttpRequest
from django.test import override_settings

from onewindow.bff.http_client import HttpGraphQLClient
from tests.browser.conftest import DEMO, log_in, new_page

pytestmark = pytest.mark.browser
ME = "query { me { username roles } county { code name } }"


def _request_with(cookies: list[dict[str, Any]], code: str) -> HttpRequest:
    request = HttpRequest()
    request.COOKIES = {c["name"]: c["value"] for c in cookies}
    request.META["HTTP_COOKIE"] = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
    request.tenant = SimpleNamespace(code=code)  # type: ignore[attr-defined]
    return request


def test_the_http_client_runs_operations_as_the_logged_in_user(hall: str, browser: Any) -> None:
    page = new_page(browser)
    log_in(page, hall, *DEMO)
    cookies = page.context.cookies()
    with override_settings(BFF_GRAPHQL_URL=hall):
        answer = HttpGraphQLClient().execute(_request_with(cookies, "331081"), ME, {}, platform=False)
        assert answer.status == 200, answer.body
        assert answer.data["me"]["username"] == "demo" and answer.data["county"]["name"] == "温岭市"
        nobody = HttpGraphQLClient().execute(_request_with([], "331081"), ME, {}, platform=False)
        assert nobody.status == 200 and nobody.data["me"] is None  # anonymous: no user, no roles
        platform = HttpGraphQLClient().execute(
            _request_with(cookies, ""), "{ me { roles } }", {}, platform=True
        )
        assert platform.data["me"]["roles"] == ["provincial_operator"]
