"""Citus schema-based sharding: each county schema distributed whole to one worker node.

Behind ``settings.CITUS_SCHEMA_SHARDING`` (``ONEWINDOW_CITUS=1``); on plain PostgreSQL nothing
here runs but the catalog check, which the normal suite runs to keep every county schema
distributable (docs/citus.md, docs/decisions/0013-citus-schema-sharding.md).

Why a county is cloned with sharding off and distributed afterwards: Citus distributes only a
top-level ``CREATE TABLE``; django-tenants' clone creates the tables inside PL/pgSQL, so with
``citus.enable_schema_based_sharding`` on the new schema would be registered as distributed
while its tables stayed on the coordinator, and the next migration with a foreign key would fail
on it (Citus's own functions cannot repair such a schema).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.backends.utils import CursorWrapper

from onewindow.platform.core.audit import append_only_trigger, triggers_allowed
from onewindow.platform.counties.models import PUBLIC_SCHEMA

log = logging.getLogger(__name__)

# Tables whose append-only trigger the Citus path leaves out (or drops before distributing):
# their privileges keep them append-only (docs/security.md).
APPEND_ONLY_TABLES = ("audit_event", "platform_audit_event")


@dataclass(frozen=True)
class Blocker:
    """Something that stops a schema from being distributed, with where it is."""

    code: str
    schema: str
    detail: str

    def __str__(self) -> str:
        return f"{self.code} {self.schema}: {self.detail}"


# --- creating a county -------------------------------------------------------------------------


def enabled() -> bool:
    return bool(getattr(settings, "CITUS_SCHEMA_SHARDING", False))


@contextmanager
def county_schema_creation(schema: str) -> Iterator[None]:
    """Around the step that creates a county's schema: with Citus, the schema is made with
    schema-based sharding off for this session, then distributed whole.

    Without the setting it does nothing, so plain PostgreSQL runs exactly what it ran before.
    """
    if not enabled():
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET citus.enable_schema_based_sharding TO off")
    started = time.monotonic()
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET citus.enable_schema_based_sharding")
    cloned = time.monotonic()
    node = distribute_county_schema(schema)
    log.info(
        "county schema %s: created in %.2fs, distributed to %s in %.2fs",
        schema,
        cloned - started,
        node,
        time.monotonic() - cloned,
    )


def distribute_county_schema(schema: str) -> str:
    """Make ``schema`` a distributed schema (idempotent); returns the worker it was placed on."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_dist_schema WHERE schemaid = %s::regnamespace", [schema])
        if cursor.fetchone() is None:
            _drop_append_only_triggers(cursor, schema)
            blockers = schema_blockers([schema])
            if blockers:
                raise RuntimeError(f"schema {schema} cannot be distributed: " + "; ".join(map(str, blockers)))
            cursor.execute("SELECT citus_schema_distribute(%s)", [schema])
        _narrow_audit_privileges(cursor, schema)
    return placement([schema]).get(schema, "?")


def _drop_append_only_triggers(cursor: CursorWrapper, schema: str) -> None:
    """A template migrated before Citus (or with unsafe triggers on) carries the trigger."""
    if triggers_allowed(cursor):
        return
    for table in APPEND_ONLY_TABLES:
        if _table_exists(cursor, schema, table):
            cursor.execute(f'DROP TRIGGER IF EXISTS {append_only_trigger(table)} ON "{schema}".{table}')


def _table_exists(cursor: CursorWrapper, schema: str, table: str) -> bool:
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [f'"{schema}".{table}'])
    return bool(cursor.fetchone()[0])


def _narrow_audit_privileges(cursor: CursorWrapper, schema: str) -> None:
    """Without the trigger, privileges alone keep audit rows append-only: a county onboarded
    after ``onewindow migrate`` gets its audit table narrowed now, not at the next migrate."""
    app_user = getattr(settings, "DATABASE_APP_USER", "")
    cursor.execute("SELECT current_user")
    if not app_user or app_user == cursor.fetchone()[0]:
        return
    for table in APPEND_ONLY_TABLES:
        if _table_exists(cursor, schema, table):
            cursor.execute(f'REVOKE UPDATE, DELETE, TRUNCATE ON "{schema}".{table} FROM "{app_user}"')


def placement(schemas: Sequence[str] | None = None) -> dict[str, str]:
    """Which worker (``host:port``) holds each distributed schema."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.schemaid::regnamespace::text, n.nodename || ':' || n.nodeport "
            "FROM pg_dist_schema s "
            "JOIN pg_dist_partition p ON p.colocationid = s.colocationid "
            "JOIN pg_dist_shard sh ON sh.logicalrelid = p.logicalrelid "
            "JOIN pg_dist_placement pl ON pl.shardid = sh.shardid "
            "JOIN pg_dist_node n ON n.groupid = pl.groupid "
            "GROUP BY 1, 2 ORDER BY 1"
        )
        rows = cursor.fetchall()
    wanted = set(schemas) if schemas is not None else None
    return {schema: node for schema, node in rows if wanted is None or schema in wanted}


# --- the catalog check (runs on plain PostgreSQL too) ----------------------------------------------


def schema_blockers(schemas: Sequence[str], *, unsafe_triggers: bool = False) -> list[Blocker]:
    """What in the catalog would stop these county schemas from being distributed by Citus.

    - a trigger (Citus refuses them without ``citus.enable_unsafe_triggers``), but for the
      append-only triggers, which the Citus path leaves out;
    - a foreign key to another county schema, or from another schema into this one;
    - a foreign key to a public table that could not become a reference table (it, or a table
      it reaches by foreign keys, is outside public, partitioned, or has a trigger);
    - partitioned, inheriting or foreign tables (a distributed schema holds none).
    """
    blockers: list[Blocker] = []
    append_only = {append_only_trigger(t) for t in APPEND_ONLY_TABLES}
    with connection.cursor() as cursor:
        if not unsafe_triggers:
            cursor.execute(
                "SELECT n.nspname, c.relname, t.tgname FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE NOT t.tgisinternal AND n.nspname = ANY(%s) ORDER BY 1, 2, 3",
                [list(schemas)],
            )
            for schema, table, trigger in cursor.fetchall():
                if trigger not in append_only:
                    blockers.append(Blocker("TRIGGER", schema, f"{table}.{trigger}"))
        cursor.execute(
            "SELECT n.nspname, c.relname, c.relkind, c.relispartition OR EXISTS "
            "(SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid OR i.inhparent = c.oid) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'p', 'f') ORDER BY 1, 2",
            [list(schemas)],
        )
        for schema, table, kind, inherits in cursor.fetchall():
            if kind == "p" or inherits:
                blockers.append(Blocker("PARTITIONED", schema, table))
            elif kind == "f":
                blockers.append(Blocker("FOREIGN_TABLE", schema, table))
        cursor.execute(
            "SELECT con.conname, fn.nspname, fc.relname, tn.nspname, tc.relname "
            "FROM pg_constraint con "
            "JOIN pg_class fc ON fc.oid = con.conrelid JOIN pg_namespace fn ON fn.oid = fc.relnamespace "
            "JOIN pg_class tc ON tc.oid = con.confrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace "
            "WHERE con.contype = 'f' AND fn.nspname <> tn.nspname "
            "AND (fn.nspname = ANY(%s) OR tn.nspname = ANY(%s)) ORDER BY 1",
            [list(schemas), list(schemas)],
        )
        public_targets: dict[str, tuple[str, str]] = {}
        for name, from_schema, from_table, to_schema, to_table in cursor.fetchall():
            where = f"{from_schema}.{from_table} → {to_schema}.{to_table} ({name})"
            if from_schema not in schemas:
                blockers.append(Blocker("FOREIGN_KEY_INTO", to_schema, where))
            elif to_schema != PUBLIC_SCHEMA:
                blockers.append(Blocker("FOREIGN_KEY_ACROSS", from_schema, where))
            else:
                public_targets.setdefault(to_table, (from_schema, where))
        for table, (schema, where) in sorted(public_targets.items()):
            problem = _reference_table_problem(cursor, table)
            if problem:
                blockers.append(Blocker("NOT_A_REFERENCE_TABLE", schema, f"{where}: {problem}"))
    return blockers


def _reference_table_problem(cursor: CursorWrapper, table: str) -> str | None:
    """Why public ``table`` could not become a Citus reference table (with what it references)."""
    append_only = {append_only_trigger(t) for t in APPEND_ONLY_TABLES}
    seen: set[str] = set()
    todo = [table]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        cursor.execute(
            "SELECT c.relkind, array(SELECT t.tgname FROM pg_trigger t "
            "WHERE t.tgrelid = c.oid AND NOT t.tgisinternal) FROM pg_class c "
            "WHERE c.oid = to_regclass(%s)",
            [f"{PUBLIC_SCHEMA}.{current}"],
        )
        kind, triggers = cursor.fetchone()
        if kind != "r":
            return f"{current} is not a plain table ({kind})"
        other = [t for t in triggers if t not in append_only]
        if other:
            return f"{current} has trigger {other[0]}"
        cursor.execute(
            "SELECT tn.nspname, tc.relname FROM pg_constraint con "
            "JOIN pg_class tc ON tc.oid = con.confrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace "
            "WHERE con.contype = 'f' AND con.conrelid = to_regclass(%s)",
            [f"{PUBLIC_SCHEMA}.{current}"],
        )
        for schema, target in cursor.fetchall():
            if schema != PUBLIC_SCHEMA:
                return f"{current} references {schema}.{target}"
            todo.append(target)
    return None


# --- the migrations' SQL -----------------------------------------------------------------------

# ADD COLUMN carrying a constraint that is not introduced by CONSTRAINT <name>
_INLINE_CONSTRAINT = re.compile(
    r"ADD\s+COLUMN\s+(?:(?!\bCONSTRAINT\b).)*?\b(CHECK|UNIQUE|PRIMARY\s+KEY|REFERENCES)\b",
    re.IGNORECASE | re.DOTALL,
)


def statement_blockers(label: str, sql: str) -> list[Blocker]:
    """Problems Citus has with one collected migration statement."""
    import sqlparse

    found: list[Blocker] = []
    statements = [s for s in sqlparse.split(sql) if s.strip().strip(";").strip()]
    if len(statements) > 1:
        found.append(Blocker("MULTIPLE_STATEMENTS", label, sql.strip()[:120]))
    for statement in statements:
        match = _INLINE_CONSTRAINT.search(statement)
        if match:
            found.append(
                Blocker("UNNAMED_CONSTRAINT", label, f"{match.group(1)} in {statement.strip()[:160]}")
            )
    return found


def migration_blockers() -> list[Blocker]:
    """Every migration's SQL, as the schema editor would send it, checked for what Citus refuses
    (an unnamed constraint in ``ADD COLUMN``, two statements in one string)."""
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.state import ProjectState

    executor = MigrationExecutor(connection)
    loader = executor.loader
    plan = executor.migration_plan(loader.graph.leaf_nodes(), clean_start=True)
    found: list[Blocker] = []
    state = ProjectState(real_apps=loader.unmigrated_apps)
    for migration, _backwards in plan:
        with connection.schema_editor(collect_sql=True, atomic=migration.atomic) as schema_editor:
            state = migration.apply(state, schema_editor, collect_sql=True)
        label = f"{migration.app_label}.{migration.name}"
        for sql in schema_editor.collected_sql:
            if not sql.lstrip().startswith("--"):
                found.extend(statement_blockers(label, sql))
    return found
