"""省级运营 — what the province sees of each county without entering it.

One statement for any number of counties: a ``UNION ALL`` of one small row per county schema
(the newest pack version, the latest audit event, open cases), read by index. A county whose
schema is missing (a failed onboarding the clean-up could not drop, a restore gone wrong) gets
no row, and that is what ``health`` reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from psycopg import sql

from onewindow.platform.core.tenancy import in_public
from onewindow.platform.counties.models import County, CountyStatus
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.catalog.models import ServiceItem
from onewindow.tenants.policy.models import PolicyVersion


@dataclass(frozen=True)
class Overview:
    pack_version: int | None
    last_activity_at: dt.datetime | None
    health: str  # ok | warning | error
    health_note: str


def _existing_schemas(names: Iterable[str]) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s)",
            [list(names)],
        )
        return {row[0] for row in cursor.fetchall()}


def county_overviews(counties: list[County]) -> dict[int, Overview]:
    """``{county.pk: Overview}`` in two statements, whatever the number of counties."""
    if not counties:
        return {}
    with in_public():
        present = _existing_schemas(c.schema_name for c in counties)
        rows: dict[str, tuple[int | None, dt.datetime | None]] = {}
        parts = [
            sql.SQL(
                "SELECT {name}::text, (SELECT max(number) FROM {s}.{versions}),"
                " (SELECT max(occurred_at) FROM {s}.{audit})"
            ).format(
                name=sql.Literal(c.schema_name),
                s=sql.Identifier(c.schema_name),
                versions=sql.Identifier(PolicyVersion._meta.db_table),
                audit=sql.Identifier(AuditEvent._meta.db_table),
            )
            for c in counties
            if c.schema_name in present
        ]
        if parts:
            with connection.cursor() as cursor:
                cursor.execute(sql.SQL(" UNION ALL ").join(parts).as_string(cursor.connection))
                rows = {name: (version, at) for name, version, at in cursor.fetchall()}
    found: dict[int, Overview] = {}
    for county in counties:
        if county.schema_name not in rows:
            note = "创建中" if county.status == CountyStatus.PROVISIONING else "数据库 schema 不存在"
            found[county.pk] = Overview(None, None, "error" if note != "创建中" else "warning", note)
            continue
        version, at = rows[county.schema_name]
        if version is None:
            found[county.pk] = Overview(None, at, "error", "还没有政策包")
        elif county.status == CountyStatus.SUSPENDED:
            found[county.pk] = Overview(version, at, "warning", "已暂停")
        else:
            found[county.pk] = Overview(version, at, "ok", "正常")
    return found


def claiming_counties(codes: list[str], counties: list[County]) -> dict[str, list[County]]:
    """认领: for each provincial item code, the counties whose catalog runs it (one statement)."""
    claimed: dict[str, list[County]] = {code: [] for code in codes}
    if not codes or not counties:
        return claimed
    by_schema = {c.schema_name: c for c in counties}
    with in_public():
        present = _existing_schemas(by_schema)
        parts = [
            sql.SQL(
                "SELECT {name}::text, provincial_code FROM {s}.{items}"
                " WHERE provincial_code = ANY({codes}) AND retired_at IS NULL"
            ).format(
                name=sql.Literal(name),
                s=sql.Identifier(name),
                items=sql.Identifier(ServiceItem._meta.db_table),
                codes=sql.Literal(codes),
            )
            for name in by_schema
            if name in present
        ]
        if not parts:
            return claimed
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL(" UNION ALL ").join(parts).as_string(cursor.connection))
            for schema, code in cursor.fetchall():
                claimed[code].append(by_schema[schema])
    for found in claimed.values():
        found.sort(key=lambda c: c.code or "")
    return claimed
