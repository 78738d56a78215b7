"""API token authentication (``Authorization: Bearer ow_…``), checked against the county."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from onewindow.platform.accounts.services import authenticate_token
from onewindow.platform.core.http import error_response


class ApiTokenMiddleware:
    """Runs after the session middleware; a token, when present, decides who the caller is.

    A token works only where it is scoped: a county token on that county's API, a platform
    token on the platform API. Requests with no ambient credential (no session cookie) are not
    subject to CSRF checks: there is nothing a forged request could borrow.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header:
            scheme, _, raw = header.partition(" ")
            if scheme.lower() != "bearer" or not raw.strip():
                return error_response(401, "INVALID_TOKEN", "Authorization 须为 Bearer 令牌")
            token = authenticate_token(raw.strip())
            if token is None:
                return error_response(401, "INVALID_TOKEN", "令牌无效、已过期或已撤销")
            county = getattr(request, "tenant", None)
            on_platform = county is None or county.is_platform
            if (token.county_id is None) != on_platform or (
                not on_platform and county is not None and token.county_id != county.pk
            ):
                return error_response(403, "TOKEN_SCOPE_MISMATCH", "此令牌不能用于该县或平台")
            request.user = token.user
            request.api_token = token  # type: ignore[attr-defined]
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        elif settings.SESSION_COOKIE_NAME not in request.COOKIES:
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)
