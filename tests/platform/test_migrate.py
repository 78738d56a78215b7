"""`onewindow migrate` only touches schemas with something pending."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection

from onewindow.platform.counties.models import County
from onewindow.platform.counties.schemas import expected_migrations, pending_by_schema

pytestmark = pytest.mark.django_db


def test_nothing_is_pending_after_setup() -> None:
    connection.set_schema_to_public()
    schemas = [
        "public",
        settings.TENANT_BASE_SCHEMA,
        *County.objects.counties().values_list("schema_name", flat=True),
    ]
    assert pending_by_schema(schemas) == dict.fromkeys(schemas, 0)


def test_a_missing_migration_is_seen_in_that_schema_only() -> None:
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM county_331081.django_migrations WHERE app = 'outbox'")
    pending = pending_by_schema(["county_150626", "county_331081", "no_such_schema"])
    outbox = sum(1 for app, _ in expected_migrations() if app == "outbox")
    assert pending == {
        "county_150626": 0,
        "county_331081": outbox,
        "no_such_schema": len(expected_migrations()),
    }
