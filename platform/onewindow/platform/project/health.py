"""``/healthz``: the process is up. ``/readyz``: the database and the broker answer."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"error: {type(exc).__name__}"
    try:
        from onewindow.platform.project.celery_app import app

        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        checks["broker"] = "ok"
    except Exception as exc:
        checks["broker"] = f"error: {type(exc).__name__}"
    ready = all(v == "ok" for v in checks.values())
    checks["database_kind"] = "embedded" if settings.DATABASE_IS_EMBEDDED else "external"
    checks["broker_kind"] = "embedded" if settings.BROKER_IS_EMBEDDED else "external"
    return JsonResponse({"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503)
