"""Health checks, request ids and routing details over the full middleware stack."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_healthz_and_readyz(client: Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["database"] == "ok" and ready.json()["broker"] == "ok"
    assert client.get("/c/150626/healthz").status_code == 200


def test_request_id_is_echoed_or_made(client: Client) -> None:
    assert client.get("/healthz", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
    made = client.get("/healthz", HTTP_X_REQUEST_ID="bad id; drop table")["X-Request-ID"]
    assert len(made) == 32 and made.isalnum()


def test_the_prefix_is_kept_in_reversed_urls(client: Client) -> None:
    response = client.get("/c/331081/accounts/login/")
    assert response.status_code == 200 and "一窗通" in response.content.decode()
    response = client.post("/c/331081/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/c/331081/accounts/login/"
    assert client.post("/accounts/logout/")["Location"] == "/accounts/login/"


def test_browser_login_by_session(client: Client) -> None:
    from onewindow.platform.accounts.roles import Role
    from tests.factories import member_of

    user = member_of(None, Role.PROVINCIAL_OPERATOR, username="op-login")
    client.get("/accounts/login/")
    response = client.post("/accounts/login/", {"username": user.username, "password": "pw-123456"})
    assert response.status_code == 302
    from tests.graphql.helpers import gql

    _, body = gql(client, "{ me { username roles } }")
    assert body["data"]["me"] == {"username": "op-login", "roles": ["provincial_operator"]}


def _settings_value(env: dict[str, str], expr: str) -> subprocess.CompletedProcess[str]:
    code = f"import onewindow.platform.project.settings as s; print({expr})"
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "ONEWINDOW_TESTING", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


def test_production_settings_are_safe() -> None:
    url = "postgresql://nobody@127.0.0.1:1/none"  # never connected to: settings only
    refused = _settings_value({"DATABASE_URL": url}, "1")
    assert refused.returncode != 0 and "SECRET_KEY must be set" in refused.stderr
    ok = _settings_value(
        {"DATABASE_URL": url, "SECRET_KEY": "x" * 50},
        "s.DEBUG, s.GRAPHQL_INTROSPECTION, s.SESSION_COOKIE_SECURE, s.LOG_FORMAT",
    )
    assert ok.stdout.strip() == "False False True json", ok.stderr


def test_readyz_reports_the_worker_and_the_outbox(client: Client) -> None:
    from django.db import transaction

    from onewindow.platform.project import health
    from onewindow.tenants.outbox.services import enqueue_notification

    with transaction.atomic():
        enqueue_notification("console", "13800138000", "待发")
    health._outbox_cache["value"] = None
    ready = client.get("/readyz").json()
    assert ready["outbox_pending"] >= 1 and ready["outbox_oldest_pending_seconds"] is not None
    assert ready["worker"].startswith(("ok", "unknown", "stalled"))
    assert "worker_heartbeat_age_seconds" in ready
