"""Every county schema stays distributable by Citus schema-based sharding (docs/citus.md).

CI has no Citus, so these check on plain PostgreSQL what Citus would refuse: the catalog of the
template and the seed counties, and the SQL every migration sends. Each check is shown to fail
on a bad example.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection, models
from django.db.backends.postgresql.schema import DatabaseSchemaEditor as StockSchemaEditor
from django.test.utils import isolate_apps

from onewindow.platform.core.audit import triggers_allowed
from onewindow.platform.core.dbbackend.schema import DatabaseSchemaEditor
from onewindow.platform.counties.citus import migration_blockers, schema_blockers, statement_blockers
from onewindow.platform.counties.models import County

pytestmark = pytest.mark.django_db


@pytest.fixture
def plain_postgresql() -> None:
    """What these tests build (a trigger, inline constraints) Citus refuses outright: they check
    on the PostgreSQL CI has; on Citus the real schemas and migrations are checked above."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'citus'")
        if cursor.fetchone() is not None:
            pytest.skip("on Citus: the bad examples are refused by Citus itself")


def _county_schemas() -> list[str]:
    return [settings.TENANT_BASE_SCHEMA, *County.objects.counties().values_list("schema_name", flat=True)]


def test_the_template_and_every_county_can_be_distributed() -> None:
    connection.set_schema_to_public()
    schemas = _county_schemas()
    assert len(schemas) >= 4
    assert schema_blockers(schemas) == []


@pytest.mark.usefixtures("plain_postgresql")
def test_the_check_fails_on_what_citus_refuses() -> None:
    """A scratch schema with one of each thing that stops ``citus_schema_distribute``."""
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute("CREATE SCHEMA citus_bad")
        cursor.execute("CREATE TABLE citus_bad.item (id bigint PRIMARY KEY)")
        cursor.execute(
            "CREATE FUNCTION citus_bad.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$"
        )
        cursor.execute(
            "CREATE TRIGGER touch BEFORE UPDATE ON citus_bad.item FOR EACH ROW EXECUTE FUNCTION citus_bad.touch()"
        )
        # to another county's table
        cursor.execute(
            "CREATE TABLE citus_bad.linked (id bigint PRIMARY KEY, "
            "case_id bigint REFERENCES county_150626.cases_case (id))"
        )
        # to a public table that cannot be a reference table (it has a trigger)
        cursor.execute("CREATE TABLE public.citus_bad_lookup (id bigint PRIMARY KEY)")
        cursor.execute(
            "CREATE TRIGGER touch BEFORE UPDATE ON public.citus_bad_lookup "
            "FOR EACH ROW EXECUTE FUNCTION citus_bad.touch()"
        )
        cursor.execute(
            "CREATE TABLE citus_bad.looked_up (id bigint PRIMARY KEY, "
            "lookup_id bigint REFERENCES public.citus_bad_lookup (id))"
        )
        # from public into the county schema
        cursor.execute(
            "CREATE TABLE public.citus_bad_into (id bigint PRIMARY KEY, item_id bigint REFERENCES citus_bad.item (id))"
        )
        cursor.execute("CREATE TABLE citus_bad.parts (day date) PARTITION BY RANGE (day)")
    found = {(b.code, b.schema) for b in schema_blockers(["citus_bad"])}
    assert found == {
        ("TRIGGER", "citus_bad"),
        ("FOREIGN_KEY_ACROSS", "citus_bad"),
        ("NOT_A_REFERENCE_TABLE", "citus_bad"),
        ("FOREIGN_KEY_INTO", "citus_bad"),
        ("PARTITIONED", "citus_bad"),
    }
    # with citus.enable_unsafe_triggers the trigger alone no longer blocks
    assert "TRIGGER" not in {b.code for b in schema_blockers(["citus_bad"], unsafe_triggers=True)}


@pytest.mark.usefixtures("plain_postgresql")
def test_the_append_only_trigger_is_installed_on_plain_postgresql() -> None:
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        assert triggers_allowed(cursor)
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_event_no_update_delete' "
            "AND tgrelid = 'county_150626.audit_event'::regclass"
        )
        assert cursor.fetchone()[0] == 1


def test_every_migration_sends_sql_citus_can_forward() -> None:
    assert migration_blockers() == []


def test_the_sql_check_catches_inline_constraints_and_two_statements() -> None:
    assert {
        b.code
        for b in statement_blockers("x", 'ALTER TABLE "t" ADD COLUMN "d" smallint NOT NULL CHECK ("d" >= 0)')
    } == {"UNNAMED_CONSTRAINT"}
    assert {
        b.code for b in statement_blockers("x", 'ALTER TABLE "t" ADD COLUMN "r" varchar(9) NULL UNIQUE')
    } == {"UNNAMED_CONSTRAINT"}
    assert statement_blockers("x", 'ALTER TABLE "t" ADD CONSTRAINT "t_d_check" CHECK ("d" >= 0)') == []
    two = (
        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END;$$; CREATE TRIGGER x"
    )
    assert {b.code for b in statement_blockers("x", two)} == {"MULTIPLE_STATEMENTS"}
    one = "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END;$$"
    assert statement_blockers("x", one) == []


@pytest.mark.usefixtures("plain_postgresql")
@isolate_apps("onewindow.tenants.cases")
def test_add_field_names_its_constraints_as_postgresql_would() -> None:
    """Django's own editor puts CHECK and UNIQUE inline (Citus refuses); ours adds them by name,
    and the names are the ones PostgreSQL gives the inline ones, so the catalog is unchanged."""

    class Probe(models.Model):
        class Meta:
            app_label = "cases"
            db_table = "citus_probe"

        def __str__(self) -> str:
            return "probe"

    field = models.PositiveSmallIntegerField(default=1, unique=True)
    field.set_attributes_from_name("days")
    field.model = Probe

    def constraints() -> set[tuple[str, str]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conname, contype FROM pg_constraint WHERE conrelid = 'citus_probe'::regclass"
            )
            return set(cursor.fetchall())

    with StockSchemaEditor(connection, collect_sql=True, atomic=False) as stock:
        stock.add_field(Probe, field)
    assert [b for sql in stock.collected_sql for b in statement_blockers("stock", sql)]  # Citus refuses

    with DatabaseSchemaEditor(connection, collect_sql=True, atomic=False) as ours:
        ours.add_field(Probe, field)
    assert [b for sql in ours.collected_sql for b in statement_blockers("ours", sql)] == []

    with connection.schema_editor() as editor:
        assert isinstance(editor, DatabaseSchemaEditor)  # the backend in use
        editor.create_model(Probe)
    with connection.cursor() as cursor:
        cursor.execute("SAVEPOINT inline")
        for sql in stock.collected_sql:
            cursor.execute(sql)
        inline = constraints()
        cursor.execute("ROLLBACK TO SAVEPOINT inline")
    with connection.schema_editor() as editor:
        editor.add_field(Probe, field)
    assert constraints() == inline
    assert {"citus_probe_days_check", "citus_probe_days_key"} <= {name for name, _ in inline}
