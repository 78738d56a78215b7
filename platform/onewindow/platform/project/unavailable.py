"""A database outage is a 503 the caller can act on, never a 500 or a debug page.

``is_outage`` names the errors that mean "the database is not answering" (the server is down,
restarting, or the connection to it broke): Django's ``OperationalError`` and
``InterfaceError``. ``unavailable_response`` answers them in the caller's language: the
GraphQL error shape (``SERVICE_UNAVAILABLE``) for the API and JSON clients, a short Chinese
page that needs neither the database nor a template context for browsers.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from onewindow.platform.core.http import error_response, is_database_outage

log = logging.getLogger("onewindow.unavailable")

RETRY_AFTER_SECONDS = 5
MESSAGE = "数据库暂时不可用，请稍后重试"


is_outage = is_database_outage


def wants_json(request: HttpRequest) -> bool:
    path = request.path_info or request.path
    accept = request.META.get("HTTP_ACCEPT", "")
    return (
        path.endswith("/graphql")
        or path.endswith(("/healthz", "/readyz"))
        or request.content_type == "application/json"
        or ("application/json" in accept and "text/html" not in accept)
    )


def unavailable_response(request: HttpRequest, error: BaseException | None = None) -> HttpResponse:
    log.warning("database unavailable: %s", type(error).__name__ if error else "-")
    response: HttpResponse
    if wants_json(request):
        response = error_response(503, "SERVICE_UNAVAILABLE", MESSAGE)
    else:
        response = HttpResponse(
            render_to_string("web/unavailable.html", {"message": MESSAGE, "retry": RETRY_AFTER_SECONDS}),
            status=503,
            content_type="text/html; charset=utf-8",
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
