"""A new county's schema is the template's DDL (or a spare made from it): the same schema,
object for object, as one migrated from nothing (``counties.blueprint``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from onewindow.platform.core.tenancy import use_public
from onewindow.platform.counties.blueprint import (
    create_county_schema,
    dump_schema,
    refill_spares,
    refresh_template_ddl,
    rename_schema,
    spare_schemas,
)

FROM_DDL, FROM_SPARE, MIGRATED = "county_990001", "county_990002", "county_990003"


def _drop(*schemas: str) -> None:
    with connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _normalised(schema: str) -> str:
    """The schema's ``pg_dump --schema-only``, its name replaced; without pg_dump's version
    comments and the random key of its ``\\restrict`` lines."""
    dump = rename_schema(dump_schema(schema), schema, "the_county")
    return "\n".join(line for line in dump.splitlines() if not line.startswith(("-- Dumped", "\\")))


def _migrations(schema: str) -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT app, name FROM "{schema}".django_migrations')
        return set(cursor.fetchall())


@pytest.fixture
def committed(django_db_setup, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Schemas are committed (pg_dump reads them from its own connection); dropped afterwards."""
    with django_db_blocker.unblock():
        use_public()
        try:
            yield
        finally:
            use_public()
            _drop(FROM_DDL, FROM_SPARE, MIGRATED, *spare_schemas())


def test_a_new_county_schema_is_identical_to_a_migrated_one(committed: None) -> None:
    assert create_county_schema(FROM_DDL) is True  # no spare: the DDL runs
    assert refill_spares(1) == 1
    (spare,) = spare_schemas()
    assert create_county_schema(FROM_SPARE) is True
    assert spare_schemas() == []  # the spare was renamed to the county
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{MIGRATED}"')
    call_command("migrate_schemas", tenant=True, schema_name=MIGRATED, interactive=False, verbosity=0)
    use_public()

    migrated = _normalised(MIGRATED)
    assert "CREATE TABLE the_county.cases_case" in migrated and "CREATE TRIGGER" in migrated
    assert _normalised(FROM_DDL) == migrated
    assert _normalised(FROM_SPARE) == migrated
    assert _migrations(FROM_DDL) == _migrations(FROM_SPARE) == _migrations(MIGRATED)
    assert spare not in _normalised(FROM_SPARE)
    assert create_county_schema(FROM_DDL) is False  # exists already: left alone


def test_a_migration_makes_the_spares_stale(committed: None) -> None:
    """Spares of an earlier migration state are dropped and made again, never handed out."""
    template = settings.TENANT_BASE_SCHEMA
    refill_spares(1)
    (before,) = spare_schemas()
    old_state = refresh_template_ddl().state
    with connection.cursor() as cursor:  # stands for a migration landing on the template
        cursor.execute(
            f"INSERT INTO \"{template}\".django_migrations (app, name, applied) VALUES ('x', 'y', now())"
        )
    try:
        assert refill_spares(1) == 1
        (after,) = spare_schemas()
        assert after != before and not after.startswith(f"spare_{old_state[:12]}")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM \"{template}\".django_migrations WHERE app = 'x'")
        refill_spares(0)
        refresh_template_ddl()
    assert refresh_template_ddl().state == old_state


def test_a_county_schema_name_is_checked(db: None) -> None:
    for bad in ("public", settings.TENANT_BASE_SCHEMA, "spare_x", 'x"; DROP', "County"):
        with pytest.raises(ValueError):
            create_county_schema(bad)
