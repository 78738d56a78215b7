"""Typed access to django-tenants' connection: which schema is active, and switching it.

django-tenants adds ``set_tenant``/``set_schema_to_public``/``schema_name`` to the connection
at runtime; going through these helpers keeps that in one place (and type-checked).
"""

from __future__ import annotations

from typing import Any

from django.db import connection as _connection

PUBLIC_SCHEMA = "public"

db: Any = _connection


def active_schema() -> str:
    return str(db.schema_name)


def use_public() -> None:
    db.set_schema_to_public()


def use_county(county: Any) -> None:
    db.set_tenant(county)
