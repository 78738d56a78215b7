"""Schema maintenance: the county template, pending-migration detection, parallel migrate.

A county schema is made from ``TENANT_BASE_SCHEMA``'s DDL with its migrations recorded
(``counties.blueprint``), so the template must be fully migrated before any county is made;
``ensure_template_schema`` guarantees it.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import TextIO

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_tenants.management.commands.migrate_schemas import MigrateSchemasCommand
from django_tenants.migration_executors import get_executor
from django_tenants.utils import schema_exists

from onewindow.platform.core.tenancy import use_public
from onewindow.platform.counties.blueprint import refill_spares, refresh_template_ddl
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


@cache
def expected_migrations() -> frozenset[tuple[str, str]]:
    """Every migration the code defines; each schema records all of them once migrated. Read
    once per process (loading the migration files takes a while; they do not change)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return frozenset(loader.graph.nodes)


_PENDING_BATCH = 100  # schemas per query


def pending_by_schema(
    schemas: Sequence[str], *, expected: frozenset[tuple[str, str]] | None = None
) -> dict[str, int]:
    """How many migrations each schema still lacks (a schema that does not exist lacks all).

    A query per hundred schemas, not one per schema: ``onewindow migrate`` with nothing to do
    stays quick with hundreds of counties."""
    expected = expected_migrations() if expected is None else expected
    names = sorted(f"{app}.{name}" for app, name in expected)
    quote = connection.ops.quote_name
    result: dict[str, int] = dict.fromkeys(schemas, len(expected))
    with connection.cursor() as cursor:
        cursor.execute(  # the catalog, not information_schema (slow with many relations)
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = 'django_migrations' AND c.relkind = 'r' AND n.nspname = ANY(%s)",
            [list(schemas)],
        )
        with_table = sorted(row[0] for row in cursor.fetchall())
        for first in range(0, len(with_table), _PENDING_BATCH):
            batch = with_table[first : first + _PENDING_BATCH]
            union = " UNION ALL ".join(
                f"SELECT %s AS s, app || '.' || name AS m FROM {quote(schema)}.django_migrations"
                for schema in batch
            )
            cursor.execute(
                f"SELECT s, count(DISTINCT m) FROM ({union}) applied WHERE m = ANY(%s) GROUP BY s",
                [*batch, names],
            )
            done = dict(cursor.fetchall())
            for schema in batch:
                result[schema] = len(expected) - done.get(schema, 0)
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
        refresh_template_ddl()  # new counties are made from the template's DDL of this state
        return True


class MigrationsIncomplete(Exception):
    """Some counties failed to migrate; the others are done (and recorded). Run again to resume."""

    def __init__(self, failed: dict[str, str], done: int) -> None:
        self.failed, self.done = failed, done
        shown = "; ".join(f"{schema}: {error}" for schema, error in sorted(failed.items())[:5])
        super().__init__(f"{len(failed)} 个县迁移失败（{done} 个已完成）: {shown}")


def _migrate_one(schema: str) -> tuple[str, str | None]:
    """In a pool process: migrate one schema; an error is returned, not raised, so the other
    counties carry on."""
    from django_tenants.migration_executors.base import run_migrations

    try:
        run_migrations(
            [], _migrate_options(["--tenant", "--verbosity=0"]), "parallel", schema, allow_atomic=False
        )
        return schema, None
    except Exception as exc:  # one county's failure is reported, never the run's end
        connection.close()
        return schema, f"{type(exc).__name__}: {str(exc).strip()[:300]}"


def migrate_counties(
    schemas: Sequence[str],
    *,
    processes: int | None = None,
    progress: Callable[[str], None] = lambda _msg: None,
) -> tuple[list[str], dict[str, str]]:
    """Migrate these county schemas in ``processes`` parallel processes, a progress line every
    twentieth of the way (and at least every ten seconds).

    Resumable: each migration commits in its county's schema together with its row in that
    schema's ``django_migrations`` (PostgreSQL's DDL is transactional), so that table is the
    record of what is done; a run stopped at any point (a failed county, a killed process)
    leaves every county either migrated or not, and the next run picks up only the counties
    still behind. Returns (done, failed: schema → error)."""
    processes = processes or settings.TENANT_MULTIPROCESSING_MAX_PROCESSES
    todo = list(schemas)
    done: list[str] = []
    failed: dict[str, str] = {}
    started = last = time.monotonic()
    every = max(1, len(todo) // 20)

    def report(schema: str, error: str | None) -> None:
        nonlocal last
        (done.append(schema) if error is None else failed.__setitem__(schema, error))
        finished, now = len(done) + len(failed), time.monotonic()
        if error is not None:
            progress(f"{schema} 迁移失败: {error}")
        if finished % every == 0 or finished == len(todo) or now - last >= 10:
            last = now
            rate = (now - started) / finished
            progress(
                f"[{finished}/{len(todo)}] 个县已迁移（{now - started:.1f}s，失败 {len(failed)}，"
                f"约剩 {rate * (len(todo) - finished):.0f}s）"
            )

    if processes <= 1 or len(todo) == 1:
        for schema in todo:
            report(*_migrate_one(schema))
    else:
        connection.close()  # children fork; none may share the parent's socket
        context = multiprocessing.get_context("fork")
        with context.Pool(processes=min(processes, len(todo))) as pool:
            for schema, error in pool.imap_unordered(_migrate_one, todo):
                report(schema, error)
    use_public()
    return done, failed


def migrate_all(
    *, parallel: bool = True, progress: Callable[[str], None] = lambda _msg: None
) -> dict[str, int]:
    """Migrate public, the template, then every county with something pending; then make sure
    the spare schemas are of the new state.

    Returns the number of migrations that were pending per schema (0 entries omitted). Raises
    ``MigrationsIncomplete`` when some county failed (after all the others were migrated).
    """
    use_public()
    expected = expected_migrations()
    public_pending = pending_by_schema([PUBLIC_SCHEMA], expected=expected)[PUBLIC_SCHEMA]
    done: dict[str, int] = {}
    if public_pending:
        progress(f"public: {public_pending} 个迁移待执行")
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        done[PUBLIC_SCHEMA] = public_pending
    template = settings.TENANT_BASE_SCHEMA
    template_pending = pending_by_schema([template], expected=expected).get(template, 0)
    if ensure_template_schema():
        done[template] = template_pending
        progress(f"{template}: 已迁移")
    refresh_template_ddl()  # a database from before the DDL table has none yet
    schemas = list(County.objects.counties().values_list("schema_name", flat=True))
    pending = {s: n for s, n in pending_by_schema(schemas, expected=expected).items() if n}
    if pending:
        todo = sorted(pending)
        shown = ", ".join(todo[:10]) + (f" 等 {len(todo)} 个" if len(todo) > 10 else "")
        progress(f"{len(todo)}/{len(schemas)} 个县有迁移待执行: {shown}")
        migrated, failed = migrate_counties(todo, processes=None if parallel else 1, progress=progress)
        done.update({s: pending[s] for s in migrated})
        if failed:
            progress(
                f"{len(failed)} 个县迁移失败，其余 {len(migrated)} 个已完成并记录；"
                "修复后再次运行即从未完成的县继续"
            )
            raise MigrationsIncomplete(failed, len(migrated))
    else:
        progress(f"{len(schemas)} 个县均已是最新")
    if made := refill_spares(progress=progress):
        progress(f"{made} 个备用 schema 已就绪")
    return done
