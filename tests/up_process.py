"""`onewindow up` as a user starts it: its own data folder, the embedded servers, a free port.
Shared by the end-to-end test and the browser tests' server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]
# The suite's own settings point at the test database and broker; `up` must not see them.
_SUITE_ONLY = {
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "DJANGO_SETTINGS_MODULE",
    "ONEWINDOW_TESTING",
    "ONEWINDOW_BROKER_DIR",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_up(
    data_dir: Path,
    port: int,
    log: IO[bytes],
    *,
    web_workers: int = 1,
    env_extra: dict[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    """Start `onewindow up` in its own process group (stop it with SIGINT to the group)."""
    env = {k: v for k, v in os.environ.items() if k not in _SUITE_ONLY}
    env.update(env_extra or {})
    env["ONEWINDOW_DATA_DIR"] = str(data_dir)
    # `up` runs DEBUG, where the Content-Security-Policy is off by default: the tests that run
    # it (the browser tests above all) run with the policy production enforces.
    env["ONEWINDOW_CSP"] = "1"
    argv = [sys.executable, "-m", "onewindow.platform.project.cli", "up", "--port", str(port)]
    return subprocess.Popen(
        [*argv, "--web-workers", str(web_workers)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
