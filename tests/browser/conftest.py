"""Browser tests: Debian's Chromium, driven by Playwright, against a real `onewindow up`.

One `onewindow up` for the session (its own data folder, embedded PostgreSQL, demo data),
reached over HTTP like a user would. No browser is downloaded: the system's Chromium runs.
Without Chromium the tests skip and say how to enable them — unless
``ONEWINDOW_REQUIRE_BROWSER=1`` (CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.up_process import free_port, start_up

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = ROOT / ".onewindow" / "test-output" / "browser"
DEMO = ("demo", "onewindow-demo")
# What the machine's closed network needs (no background calls home), as root, headless.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM:
        return
    if os.environ.get("ONEWINDOW_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            "browser tests must run here but Chromium is missing: apt-get install chromium"
        )
    skip = pytest.mark.skip(reason="Chromium not found: `apt-get install chromium` to run the browser tests")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


# Package scope: the server and the browser end with the browser tests, so the event loop
# Playwright's sync API runs leaves no trace in the tests after them (Django refuses to run
# database calls while a loop is running in the thread).
@pytest.fixture(scope="package")
def hall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running `onewindow up` (web, worker, beat), its base URL."""
    folder = tmp_path_factory.mktemp("hall")
    port = free_port()
    log = open(folder / "up.log", "wb")  # noqa: SIM115
    proc = start_up(folder / "data", port, log, web_workers=2)
    base = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    try:
        while True:
            assert proc.poll() is None, (folder / "up.log").read_text()[-3000:]
            assert time.monotonic() - started < 300, "not up within 300 s"
            try:
                with urllib.request.urlopen(f"{base}/readyz", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            time.sleep(0.5)
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


class Shots:
    """Screenshots named after the test, saved where a reviewer finds them."""

    def __init__(self, name: str) -> None:
        self.folder = SHOTS
        self.folder.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.taken: list[Path] = []

    def __call__(self, page: Any, label: str) -> Path:
        path = self.folder / f"{self.name}--{label}.png"
        page.screenshot(path=str(path), full_page=True)
        self.taken.append(path)
        return path


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    return Shots(request.node.name)


# What the Content-Security-Policy refused in any page a test opened (Chromium says so on the
# console): each browser test fails if it is not empty, so every page is proved to work with
# the policy on.
CSP_VIOLATIONS: list[str] = []


def _watch_csp(message: Any) -> None:
    text = message.text
    if "Content Security Policy" in text or "Content-Security-Policy" in text:
        CSP_VIOLATIONS.append(text)


@pytest.fixture(autouse=True)
def no_csp_violations() -> Iterator[None]:
    CSP_VIOLATIONS.clear()
    yield
    assert not CSP_VIOLATIONS, "the Content-Security-Policy refused:\n" + "\n".join(CSP_VIOLATIONS)


def new_page(browser: Any, *, phone: bool = False) -> Any:
    """A fresh browser profile (no cookies): 1366×768, or a phone."""
    size = {"width": 390, "height": 844} if phone else {"width": 1366, "height": 768}
    context = browser.new_context(viewport=size, locale="zh-CN", is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.on("console", _watch_csp)
    return page


def log_in(page: Any, base: str, username: str, password: str, next_path: str = "/") -> None:
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
