"""A caller of a running `onewindow up` over HTTP: a session of its own (login form, CSRF),
each request timed. No Django import: it sees only what any client on the network sees."""

from __future__ import annotations

import http.cookiejar
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Answer:
    status: int
    body: Any  # the decoded JSON (or the raw text when it is not JSON)
    seconds: float

    @property
    def codes(self) -> list[str]:
        """Every error code in the answer: top-level ``extensions.code`` and payload ``errors``."""
        out: list[str] = []
        if not isinstance(self.body, dict):
            return out
        for error in self.body.get("errors") or []:
            if isinstance(error, dict):
                out.append(str((error.get("extensions") or {}).get("code")))
        _payload_codes(self.body.get("data"), out)
        return out


def _payload_codes(value: Any, out: list[str]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "errors" and isinstance(inner, list):
                out.extend(str(e.get("code")) for e in inner if isinstance(e, dict) and "code" in e)
            else:
                _payload_codes(inner, out)
    elif isinstance(value, list):
        for inner in value:
            _payload_codes(inner, out)


@dataclass
class Caller:
    base: str
    name: str = "anonymous"
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)
    timeout: float = 30.0

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def log_in(self, username: str, password: str) -> Caller:
        page = self.opener.open(f"{self.base}/accounts/login/", timeout=self.timeout).read().decode()
        match = _CSRF_INPUT.search(page)
        assert match, "no CSRF token on the login page"
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": match.group(1), "username": username, "password": password, "next": "/"}
        ).encode()
        request = urllib.request.Request(
            f"{self.base}/accounts/login/", data=form, headers={"Referer": f"{self.base}/accounts/login/"}
        )
        self.opener.open(request, timeout=self.timeout).read()
        assert any(c.name == "sessionid" for c in self.jar), f"{username} could not log in"
        self.name = username
        return self

    def post(
        self, path: str, body: bytes, content_type: str = "application/json", *, method: str = "POST"
    ) -> Answer:
        headers = {"Content-Type": content_type, "Referer": f"{self.base}/", "X-CSRFToken": self._csrf()}
        request = urllib.request.Request(f"{self.base}{path}", data=body, headers=headers, method=method)
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as err:
            status, raw = err.code, err.read()
        seconds = time.monotonic() - started
        try:
            decoded: Any = json.loads(raw)
        except ValueError:
            decoded = raw.decode("utf-8", "replace")
        return Answer(status, decoded, seconds)

    def gql(self, path: str, query: str, variables: dict[str, Any] | None = None) -> Answer:
        payload = json.dumps({"query": query, "variables": variables or {}}).encode()
        return self.post(path, payload)
