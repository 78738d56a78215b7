"""Helpers for tests that start other processes against the test database."""

from __future__ import annotations

import os
from urllib.parse import quote

from django.db import connection


def test_database_url() -> str:
    """A DATABASE_URL for the test database this pytest run created (TCP or socket)."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    host = db.get("HOST") or ""
    if host.startswith("/"):
        return f"postgresql://{auth}@/{db['NAME']}?host={quote(host)}"
    return f"postgresql://{auth}@{host or 'localhost'}:{db.get('PORT') or 5432}/{db['NAME']}"


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a child process of the suite: same settings, the test database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "onewindow.platform.project.test_settings",
        "DATABASE_URL": test_database_url(),
        **extra,
    }
