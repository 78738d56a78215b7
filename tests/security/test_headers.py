"""Production headers: a Content-Security-Policy that allows scripts from the site's files
only, HSTS over HTTPS, no inline handler left in any template; 404 pages list no URL patterns."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.bff.helpers import get

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "frontend-bff" / "onewindow" / "bff" / "templates"


@pytest.mark.django_db
def test_pages_carry_the_policy_and_https_pages_hsts(wushen) -> None:  # type: ignore[no-untyped-def]
    answer = get(Client(), "/c/150626/guide/")
    policy = answer["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    )
    assert "unsafe-eval" not in policy
    assert answer["Referrer-Policy"] == "same-origin" and answer["X-Frame-Options"] == "DENY"
    secure = get(Client(), "/c/150626/guide/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000"


@pytest.mark.django_db
def test_a_404_lists_no_url_patterns(wushen) -> None:  # type: ignore[no-untyped-def]
    for path in ("/c/150626/no-such-page/", "/no-such-page/"):
        answer = get(Client(), path)
        page = answer.content.decode()
        assert answer.status_code == 404 and "页面不存在" in page
        assert "URLconf" not in page and "graphql" not in page and "healthz" not in page


def test_no_template_has_an_inline_handler_or_script() -> None:
    inline = re.compile(r"\son[a-z]+\s*=|javascript:|<script(?![^>]*\bsrc=)[^>]*>", re.I)
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in inline.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def _settings(env: dict[str, str]) -> str:
    code = (
        "from onewindow.platform.project import settings as s;"
        "print('csp' if 'csp.middleware.CSPMiddleware' in s.MIDDLEWARE else 'no-csp', s.SECURE_HSTS_SECONDS)"
    )
    drop = {"DEBUG", "ONEWINDOW_CSP", "ONEWINDOW_TESTING"}
    base = {k: v for k, v in os.environ.items() if k not in drop}
    base.update(SECRET_KEY="x" * 50, DATABASE_URL="postgresql://u:p@127.0.0.1:5432/onewindow")
    answer = subprocess.run(
        [sys.executable, "-c", code],
        env={**base, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return answer.stdout.strip().splitlines()[-1]


def test_csp_and_hsts_are_on_without_debug_and_csp_can_be_forced_in_debug() -> None:
    assert _settings({}) == "csp 31536000"
    assert _settings({"DEBUG": "1"}) == "no-csp 0"
    assert _settings({"DEBUG": "1", "ONEWINDOW_CSP": "1"}) == "csp 0"
