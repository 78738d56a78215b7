"""Typed access to django-tenants' connection: which schema is active, and switching it.

django-tenants adds ``set_tenant``/``set_schema_to_public``/``schema_name`` to the connection
at runtime; going through these helpers keeps that in one place (and type-checked).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection as _connection
from django_tenants.utils import get_tenant_model

PUBLIC_SCHEMA = "public"

db: Any = _connection


def active_schema() -> str:
    return str(db.schema_name)


def active_county() -> Any:
    """The county whose schema is active on the connection (a task's or a request's)."""
    county = getattr(db, "tenant", None)
    if county is None or county.schema_name == "public":
        raise RuntimeError("no county is active on this connection")
    return county


def use_public() -> None:
    db.set_schema_to_public()


def use_county(county: Any) -> None:
    db.set_tenant(county)


@contextmanager
def dangerously_in_county(county: Any) -> Iterator[Any]:
    """Run the block in another county's schema, then restore the previous one.

    The name shouts on purpose (after PostHog's ``dangerously_*``): every request and task
    already runs in its own county, so crossing into another is an escape hatch that only the
    platform side uses (provincial resolvers, onboarding, export, benchmarking rollups).
    ``county`` is a ``County`` or its 6-digit code."""
    if isinstance(county, str):
        county = get_tenant_model().objects.get(code=county)  # by setting: core imports no app
    previous = db.tenant if getattr(db, "tenant", None) is not None else None
    db.set_tenant(county)
    try:
        yield county
    finally:
        if previous is not None and previous.schema_name != PUBLIC_SCHEMA:
            db.set_tenant(previous)
        else:
            db.set_schema_to_public()


@contextmanager
def in_public() -> Iterator[None]:
    """Run the block in the public schema (platform tables), then restore the previous schema."""
    previous = getattr(db, "tenant", None)
    db.set_schema_to_public()
    try:
        yield
    finally:
        if previous is not None and previous.schema_name != PUBLIC_SCHEMA:
            db.set_tenant(previous)


def advisory_lock(kind: str, value: str) -> None:
    """Hold a transaction-scoped PostgreSQL advisory lock on ``(active schema, kind, value)``
    until the transaction ends: concurrent writers of one key take turns, and the later one
    sees the earlier one's committed rows. Call it inside ``transaction.atomic``."""
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
            [f"{active_schema()}\x1f{kind}\x1f{value}"],
        )
