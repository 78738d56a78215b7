"""Request id and county routing: every request knows its county before any view runs."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import set_script_prefix, set_urlconf

from onewindow.platform.core import context
from onewindow.platform.core.http import error_response
from onewindow.platform.core.tenancy import use_county, use_public
from onewindow.platform.counties.models import County, CountyStatus, Domain
from onewindow.platform.project.health import healthz, readyz
from onewindow.platform.project.unavailable import is_outage, unavailable_response

_PREFIX = re.compile(r"^/c/(?P<code>\d{6})(?P<rest>/.*)?$")
# Answered on a platform host before routing: a health check needs no county, and must answer
# when the database does not (``/healthz``) or say that it does not (``/readyz``).
_HEALTH = {"/healthz": healthz, "/readyz": readyz}
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Takes ``X-Request-ID`` when it is sane, makes one otherwise, echoes it back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        rid = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        # Cleared on request_finished, not here: Django logs 4xx/5xx responses after the
        # middleware chain returns, and those lines should carry the request's ids too.
        context.request_id.set(rid)
        response = self.get_response(request)
        response["X-Request-ID"] = rid
        return response


@receiver(request_finished)
def _clear_request_context(**_: object) -> None:
    context.request_id.set("-")
    context.county_code.set("-")


class CountyRoutingMiddleware:
    """Pick the county (schema) from the path prefix ``/c/<code>/`` or from the host.

    - ``/c/150626/graphql`` on any platform host → 乌审旗, seen by the app as ``/graphql`` with
      ``/c/150626/`` as the script prefix (so ``reverse()`` keeps the prefix).
    - ``/graphql`` on a county's own host → that county.
    - anything else on a platform host → the public schema and the platform URLs.
    A prefix naming a county other than the host's is refused: no request reaches two counties.

    The health checks are answered before any of this. When the database does not answer —
    here, or in a view — the request gets a 503 (``SERVICE_UNAVAILABLE``), never a 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        health = _HEALTH.get(request.path_info)
        if health is not None and request.get_host().split(":")[0].lower() in settings.PLATFORM_HOSTS:
            return health(request)
        match = _PREFIX.match(request.path_info)
        use_public()
        try:
            return self._route(request, match)
        except Exception as exc:
            if is_outage(exc):
                return unavailable_response(request, exc)
            raise

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view that hit a database outage answers 503 (before Django's 500 or debug page)."""
        if is_outage(exception):
            return unavailable_response(request, exception)
        return None

    def _route(self, request: HttpRequest, match: re.Match[str] | None) -> HttpResponse:
        host = request.get_host().split(":")[0].lower()
        domain = (
            Domain.objects.select_related("tenant").filter(domain=host).first()
            if host not in settings.PLATFORM_HOSTS
            else None
        )
        host_tenant = domain.tenant if domain else None

        county: County | None = None
        if match:
            code = match["code"]
            if host_tenant is not None and not host_tenant.is_platform and host_tenant.code != code:
                return error_response(404, "COUNTY_NOT_FOUND", "该域名不属于此县")
            county = County.objects.counties().filter(code=code).first()
            if county is None:
                return error_response(404, "COUNTY_NOT_FOUND", f"没有代码为 {code} 的县")
            request.path_info = match["rest"] or "/"
            script_name = request.META.get("SCRIPT_NAME", "").rstrip("/")
            set_script_prefix(f"{script_name}/c/{code}/")
        elif host_tenant is not None and not host_tenant.is_platform:
            county = host_tenant
        elif host_tenant is None and host not in settings.PLATFORM_HOSTS:
            return error_response(404, "COUNTY_NOT_FOUND", f"未知主机 {host}")

        if county is not None:
            if not county.is_active:
                if county.status == CountyStatus.PROVISIONING:
                    return error_response(503, "COUNTY_PROVISIONING", f"{county.name} 正在开通")
                return error_response(403, "COUNTY_SUSPENDED", f"{county.name} 已暂停服务")
            request.tenant = county  # type: ignore[attr-defined]
            use_county(county)
            request.urlconf = settings.ROOT_URLCONF  # type: ignore[attr-defined]
            context.county_code.set(county.code or "-")
        else:
            request.tenant = _platform_tenant()  # type: ignore[attr-defined]
            request.urlconf = settings.PUBLIC_SCHEMA_URLCONF  # type: ignore[attr-defined]
            context.county_code.set("platform")
        set_urlconf(request.urlconf)  # type: ignore[attr-defined]
        try:
            return self.get_response(request)
        finally:
            use_public()
            if match:
                set_script_prefix(request.META.get("SCRIPT_NAME", "").rstrip("/") + "/")


def _platform_tenant() -> County:
    """The public row; an unsaved stand-in before `onewindow up` has created it."""
    public = County.objects.filter(schema_name="public").first()
    return public or County(schema_name="public", name="平台")
