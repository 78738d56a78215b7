"""A schema editor whose every statement Citus can run on a distributed (county) table.

Citus refuses two things Django's PostgreSQL editor emits when a migration adds a field:

- an inline ``CHECK`` / ``UNIQUE`` / ``PRIMARY KEY`` in ``ALTER TABLE … ADD COLUMN`` ("all
  constraints in Citus must have explicit names"): here the column is added bare and each
  constraint follows as ``ADD CONSTRAINT <name>``, with the name PostgreSQL itself would have
  given the inline one (``<table>_<column>_check``, ``_key``, ``_pkey``), so on plain
  PostgreSQL the catalog is the same as before;
- the inline foreign key's ``…; SET CONSTRAINTS … IMMEDIATE``, two statements in one string,
  which Citus cannot forward ("cannot insert multiple commands into a prepared statement"):
  here the foreign key is added after the column by its explicit name (Django's own path for
  backends without inline foreign keys).

``CREATE TABLE`` keeps its inline constraints: PostgreSQL names them before Citus distributes
the table. ``tests/platform/test_citus_readiness.py`` checks every migration's SQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.backends.postgresql import schema
from django.db.backends.utils import split_identifier

# PostgreSQL's NAMEDATALEN - 1
_MAX_NAME = 63


class DatabaseSchemaEditor(schema.DatabaseSchemaEditor):
    sql_create_column_inline_fk = None  # type: ignore[assignment]

    _bare_column = False

    def _iter_column_sql(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        for part in super()._iter_column_sql(*args, **kwargs):  # type: ignore[misc]
            if self._bare_column and part in ("UNIQUE", "PRIMARY KEY"):
                continue
            yield part

    def add_field(self, model: Any, field: Any) -> None:
        if field.many_to_many:
            return super().add_field(model, field)
        check = field.db_parameters(connection=self.connection)["check"]
        table = split_identifier(model._meta.db_table)[1]
        column = field.column
        constraints: list[tuple[str, str]] = []
        if field.primary_key:
            constraints.append((self._pg_name(table, "", "pkey"), f"PRIMARY KEY ({self.quote_name(column)})"))
        elif field.unique:
            constraints.append((self._pg_name(table, column, "key"), f"UNIQUE ({self.quote_name(column)})"))
        if check:
            constraints.append((self._pg_name(table, column, "check"), f"CHECK ({check})"))
        if not constraints:
            return super().add_field(model, field)
        self._bare_column = True
        self.sql_check_constraint = ""  # the instance's, for this call only
        try:
            super().add_field(model, field)
        finally:
            self._bare_column = False
            del self.sql_check_constraint
        for name, definition in constraints:
            self.execute(
                f"ALTER TABLE {self.quote_name(model._meta.db_table)} "
                f"ADD CONSTRAINT {self.quote_name(name)} {definition}"
            )

    def _pg_name(self, table: str, column: str, label: str) -> str:
        """The name PostgreSQL gives an inline constraint; Django's hashed name when too long."""
        name = "_".join(part for part in (table, column, label) if part)
        if len(name) <= _MAX_NAME:
            return name
        return str(self._create_index_name(table, [column] if column else [], suffix=f"_{label}"))  # type: ignore[attr-defined]
