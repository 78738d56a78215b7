"""``/healthz``: the process is up (no database needed). ``/readyz``: the database and the broker
answer (503 with what is down otherwise), and how the background work is doing: the worker's
heartbeat age and the outbox's oldest waiting message, over every county."""

from __future__ import annotations

import contextlib
import threading
import time
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse

from onewindow.platform.core.http import is_database_outage

# The outbox figure reads one row per county schema: computed at most this often per process.
_OUTBOX_CACHE_SECONDS = 10.0
_outbox_cache: dict[str, Any] = {"at": 0.0, "value": None}
_outbox_lock = threading.Lock()


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as exc:
        # a broken persistent connection must not stay broken once the server is back
        with contextlib.suppress(Exception):
            connection.close()
        return f"error: {type(exc).__name__}"


def _broker() -> str:
    try:
        from onewindow.platform.project.celery_app import app

        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as exc:
        return f"error: {type(exc).__name__}"


def outbox_backlog() -> tuple[int, float | None]:
    """Messages waiting in every active county's outbox, and the oldest one's age in seconds."""
    from psycopg import sql

    from onewindow.platform.core import clock
    from onewindow.platform.core.tenancy import in_public
    from onewindow.platform.counties.models import County
    from onewindow.tenants.outbox.models import OutboxMessage

    with in_public():
        schemas = list(County.objects.active().values_list("schema_name", flat=True))
        if not schemas:
            return 0, None
        with connection.cursor() as cursor:
            cursor.execute("SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s)", [schemas])
            present = [row[0] for row in cursor.fetchall()]
            if not present:
                return 0, None
            table = sql.Identifier(OutboxMessage._meta.db_table)
            parts = [
                sql.SQL(
                    "SELECT count(*), min(created_at) FROM {s}.{t} WHERE status IN ('pending', 'sending')"
                ).format(s=sql.Identifier(schema), t=table)
                for schema in present
            ]
            query = sql.SQL("SELECT coalesce(sum(n), 0), min(oldest) FROM ({}) AS backlog(n, oldest)").format(
                sql.SQL(" UNION ALL ").join(parts)
            )
            cursor.execute(query.as_string(cursor.connection))
            count, oldest = cursor.fetchone()
    age = None if oldest is None else max(0.0, (clock.now() - oldest).total_seconds())
    return int(count), age


def _background() -> dict[str, Any]:
    from onewindow.platform.project.heartbeat import heartbeat_age

    found: dict[str, Any] = {}
    age = heartbeat_age()
    found["worker_heartbeat_age_seconds"] = None if age is None else round(age, 1)
    if age is None:
        found["worker"] = "unknown: no heartbeat yet"
    elif age > settings.WORKER_STALL_SECONDS:
        found["worker"] = f"stalled: no heartbeat for {age:.0f}s"
    else:
        found["worker"] = "ok"
    with _outbox_lock:
        if _outbox_cache["value"] is None or time.monotonic() - _outbox_cache["at"] > _OUTBOX_CACHE_SECONDS:
            _outbox_cache["value"] = outbox_backlog()
            _outbox_cache["at"] = time.monotonic()
        count, oldest = _outbox_cache["value"]
    found["outbox_pending"] = count
    found["outbox_oldest_pending_seconds"] = None if oldest is None else round(oldest, 1)
    return found


def readyz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the broker answer; 503 naming what does not.

    The worker's state is reported, not judged here: a stuck worker does not make the API
    unable to serve (``onewindow up`` restarts it; monitoring alerts on the figures).
    """
    checks: dict[str, Any] = {"database": _database(), "broker": _broker()}
    ready = all(v == "ok" for v in checks.values())
    down = [name for name, value in checks.items() if value != "ok"]
    if checks["database"] == "ok":
        try:
            checks.update(_background())
        except Exception as exc:
            if not is_database_outage(exc):
                raise
            ready = False
            down.append("database")
            checks["database"] = f"error: {type(exc).__name__}"
    checks["database_kind"] = "embedded" if settings.DATABASE_IS_EMBEDDED else "external"
    checks["broker_kind"] = "embedded" if settings.BROKER_IS_EMBEDDED else "external"
    body = {"status": "ok" if ready else "unavailable", **checks}
    if down:
        body["down"] = down
    return JsonResponse(body, status=200 if ready else 503)
