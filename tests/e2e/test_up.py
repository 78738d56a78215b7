"""The README's first command, end to end: `onewindow up` on a machine with no servers.

Starts the real thing in a fresh data folder (its own embedded PostgreSQL, file broker,
gunicorn, worker, beat), talks HTTP to it, then stops it the way a person does (SIGINT to its
process group) and checks nothing is left running.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.up_process import free_port, start_up

pytestmark = pytest.mark.e2e


def _get(url: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_up_serves_the_three_counties_and_stops_cleanly(tmp_path: Path) -> None:
    port = free_port()
    log = open(tmp_path / "up.log", "wb")  # noqa: SIM115
    started = time.monotonic()
    proc = start_up(tmp_path / "data", port, log)
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            assert proc.poll() is None, (tmp_path / "up.log").read_text()[-3000:]
            assert time.monotonic() - started < 180, "not up within 180 s"
            try:
                if _get(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        up_seconds = time.monotonic() - started

        for code, name in (("150626", "乌审旗"), ("331081", "温岭市"), ("410222", "通许县")):
            query = urllib.parse.quote("{ county { code name } }")
            status, body = _get(f"{base}/c/{code}/graphql?query={query}")
            assert status == 200 and body["data"]["county"] == {"code": code, "name": name}
        status, ready = _get(f"{base}/readyz")
        assert status == 200 and ready["database_kind"] == "embedded" and ready["broker_kind"] == "embedded"
        banner = (tmp_path / "up.log").read_text()
        assert "demo / onewindow-demo" in banner and f"{base}/c/150626/graphql" in banner
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        stop_started = time.monotonic()
        code = proc.wait(timeout=60)
        stop_seconds = time.monotonic() - stop_started
        log.close()
    assert code == 0, (tmp_path / "up.log").read_text()[-3000:]
    leftovers = subprocess.run(["pgrep", "-f", str(tmp_path)], capture_output=True, text=True).stdout
    assert leftovers.strip() == "", leftovers
    print(f"up in {up_seconds:.1f}s, stopped in {stop_seconds:.1f}s")
