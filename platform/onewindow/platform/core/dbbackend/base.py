"""Django's PostgreSQL ``DatabaseWrapper`` with the Citus-forwardable schema editor."""

from __future__ import annotations

from django.db.backends.postgresql import base

from onewindow.platform.core.dbbackend.schema import DatabaseSchemaEditor


class DatabaseWrapper(base.DatabaseWrapper):
    SchemaEditorClass = DatabaseSchemaEditor
