"""Schema maintenance: the county template, pending-migration detection, parallel migrate.

A county schema is a clone of ``TENANT_BASE_SCHEMA`` with its migrations marked applied, so the
template must be fully migrated before any clone; ``ensure_template_schema`` guarantees it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_tenants.management.commands.migrate_schemas import MigrateSchemasCommand
from django_tenants.migration_executors import get_executor
from django_tenants.utils import schema_exists

from onewindow.platform.core.tenancy import use_public
from onewindow.platform.counties.models import PUBLIC_SCHEMA, County

# Any constant works; it only has to be the same in every process.
_TEMPLATE_LOCK = 0x0E_71_D0_01


@contextmanager
def advisory_lock(key: int) -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def expected_migrations() -> set[tuple[str, str]]:
    """Every migration the code defines; each schema records all of them once migrated."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return set(loader.graph.nodes)


def pending_by_schema(schemas: Sequence[str]) -> dict[str, int]:
    """How many migrations each schema still lacks (a schema that does not exist lacks all)."""
    expected = expected_migrations()
    result: dict[str, int] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema FROM information_schema.tables "
            "WHERE table_name = 'django_migrations' AND table_schema = ANY(%s)",
            [list(schemas)],
        )
        with_table = {row[0] for row in cursor.fetchall()}
        for schema in schemas:
            if schema not in with_table:
                result[schema] = len(expected)
                continue
            cursor.execute(f'SELECT app, name FROM "{schema}".django_migrations')
            applied = {(app, name) for app, name in cursor.fetchall()}
            result[schema] = len(expected - applied)
    return result


def _migrate_options(extra: Sequence[str] = ()) -> dict[str, object]:
    command = MigrateSchemasCommand()
    parser = command.create_parser("onewindow", "migrate_schemas")
    options = vars(parser.parse_args(["--noinput", *extra]))
    return options


def migrate_schemas(schemas: Sequence[str], *, parallel: bool = True, out: TextIO = sys.stdout) -> None:
    """Migrate these tenant-app schemas, in parallel processes when there are several."""
    schemas = [s for s in schemas if s != PUBLIC_SCHEMA]
    if not schemas:
        return
    codename = "multiprocessing" if parallel and len(schemas) > 1 else "standard"
    options = _migrate_options(["--tenant", f"--executor={codename}"])
    connection.close()  # children fork; none may share the parent's socket
    get_executor(codename)([], options).run_migrations(tenants=list(schemas))
    use_public()


def ensure_template_schema(out: TextIO | None = None) -> bool:
    """Create and migrate the template schema if needed. Returns True when it changed."""
    template = settings.TENANT_BASE_SCHEMA
    with advisory_lock(_TEMPLATE_LOCK):
        use_public()
        if not schema_exists(template):
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE SCHEMA "{template}"')
        if pending_by_schema([template])[template] == 0:
            return False
        if out:
            out.write(f"迁移模板 schema {template} …\n")
        call_command("migrate_schemas", tenant=True, schema_name=template, interactive=False, verbosity=0)
        use_public()
        return True


def migrate_all(
    *, parallel: bool = True, progress: Callable[[str], None] = lambda _msg: None
) -> dict[str, int]:
    """Migrate public, the template, then every county with something pending.

    Returns the number of migrations that were pending per schema (0 entries omitted).
    """
    use_public()
    public_pending = pending_by_schema([PUBLIC_SCHEMA])[PUBLIC_SCHEMA]
    done: dict[str, int] = {}
    if public_pending:
        progress(f"public: {public_pending} 个迁移待执行")
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        done[PUBLIC_SCHEMA] = public_pending
    template = settings.TENANT_BASE_SCHEMA
    template_pending = pending_by_schema([template]).get(template, 0)
    if ensure_template_schema():
        done[template] = template_pending
        progress(f"{template}: 已迁移")
    schemas = list(County.objects.counties().values_list("schema_name", flat=True))
    pending = {s: n for s, n in pending_by_schema(schemas).items() if n}
    if pending:
        todo = sorted(pending)
        shown = ", ".join(todo[:10]) + (f" 等 {len(todo)} 个" if len(todo) > 10 else "")
        progress(f"{len(todo)}/{len(schemas)} 个县有迁移待执行: {shown}")
        # in batches, a line after each: over hundreds of counties the operator sees it move
        batch = max(2 * settings.TENANT_MULTIPROCESSING_MAX_PROCESSES, 20)
        started = time.monotonic()
        for first in range(0, len(todo), batch):
            migrate_schemas(todo[first : first + batch], parallel=parallel)
            finished = min(first + batch, len(todo))
            progress(f"[{finished}/{len(todo)}] 个县已迁移（{time.monotonic() - started:.1f}s）")
        done.update(pending)
    else:
        progress(f"{len(schemas)} 个县均已是最新")
    return done
