"""Guessing is limited: logins lock after 10 failures (per username, per address) for 15
minutes; the receipt link and the status lookup after 5 failures on one case or 20 from one
address. Once limited the answer is 429 with a Chinese message and nothing about the case,
even for the right phone tail or the real link; each lockout is a platform audit event."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from onewindow.platform.accounts.services import ensure_user
from onewindow.platform.audit.models import PlatformAuditEvent
from tests.bff.helpers import get, post
from tests.graphql.helpers import county_path, gql

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
HERE, THERE = "127.0.0.2", "127.0.0.3"


def _log_in(username: str, password: str, address: str = HERE) -> tuple[int, str]:
    response = post(Client(), LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)
    return response.status_code, response.content.decode()


def test_the_figures_are_the_documented_ones() -> None:
    assert settings.AXES_FAILURE_LIMIT == 10
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.PUBLIC_LOOKUP_LIMITS == {"receipt": (20, 5, 15), "status": (20, 5, 15)}


def test_ten_wrong_passwords_lock_the_username_even_for_the_right_one_and_are_audited(wushen) -> None:  # type: ignore[no-untyped-def]
    ensure_user("lock-me", password="Right-horse-battery-9")
    ensure_user("bystander", password="Other-horse-battery-9")
    assert _log_in("lock-me", "Right-horse-battery-9")[0] == 302  # works before
    for attempt in range(10):
        status, page = _log_in("lock-me", f"guess-{attempt}", address=f"127.0.1.{attempt}")
        assert status == (200 if attempt < 9 else 429), attempt
    status, page = _log_in("lock-me", "Right-horse-battery-9", address=THERE)
    assert status == 429
    assert "登录失败次数过多" in page and "15分钟后再试" in page
    assert "sessionid" not in Client().cookies
    # another account, from an address that did not fail, is not affected
    assert _log_in("bystander", "Other-horse-battery-9", address="127.0.2.1")[0] == 302
    events = PlatformAuditEvent.objects.filter(action="login.locked_out")
    assert [(e.data["by"], e.data["username"]) for e in events] == [("username", "lock-me")]
    assert events[0].data["failures"] == 10 and events[0].data["minutes"] == 15
    assert "guess" not in str(events[0].data)  # no password tried is kept


def test_ten_failures_from_one_address_lock_that_address_for_every_username(wushen) -> None:  # type: ignore[no-untyped-def]
    ensure_user("at-desk", password="Right-horse-battery-9")
    for attempt in range(10):
        _log_in(f"nobody-{attempt}", "whatever", address=HERE)
    assert _log_in("at-desk", "Right-horse-battery-9", address=HERE)[0] == 429
    assert _log_in("at-desk", "Right-horse-battery-9", address=THERE)[0] == 302
    assert PlatformAuditEvent.objects.filter(action="login.locked_out", data__address=HERE).exists()


def _status(number: str, tail: str, address: str = HERE) -> tuple[int, str]:
    response = get(Client(), f"/c/150626/status/?number={number}&phone_tail={tail}", REMOTE_ADDR=address)
    return response.status_code, response.content.decode()


def test_five_wrong_phone_tails_lock_the_case_even_for_the_right_tail(wushen) -> None:  # type: ignore[no-untyped-def]
    from tests.tenants.cases_helpers import receive

    connection.set_tenant(wushen)
    case, other = receive(), receive()
    for tail in ("1111", "2222", "3333", "4444", "5555"):
        status, page = _status(case.number, tail, address=f"127.0.3.{tail[0]}")
        assert status == 200 and "没有查到" in page
    status, page = _status(case.number, "9000", address=THERE)
    assert status == 429
    assert "尝试次数过多" in page and "15分钟后再试" in page
    assert "已收件" not in page and case.number not in page and "9000" not in page
    # another case is still found, from the same address
    status, page = _status(other.number, "9000", address=THERE)
    assert status == 200 and "已收件" in page
    event = PlatformAuditEvent.objects.get(action="status.rate_limited")
    assert event.data["by"] == "target" and event.data["county"] == "150626"
    assert case.number not in str(event.data)  # the target is kept as a hash


def test_a_wrong_number_counts_the_same_as_a_wrong_tail(wushen) -> None:  # type: ignore[no-untyped-def]
    """Whether a number exists is not told by the limit either: unknown numbers count too."""
    for _ in range(5):
        assert _status("NO-SUCH-CASE", "1234")[0] == 200
    assert _status("NO-SUCH-CASE", "1234", address=THERE)[0] == 429


def test_twenty_failures_from_one_address_lock_every_lookup_from_it(wushen) -> None:  # type: ignore[no-untyped-def]
    from tests.tenants.cases_helpers import receive

    connection.set_tenant(wushen)
    case = receive()
    for n in range(20):
        _status(f"GUESS-{n}", "1234", address=HERE)
    assert _status(case.number, "9000", address=HERE)[0] == 429
    assert _status(case.number, "9000", address=THERE)[0] == 200
    event = PlatformAuditEvent.objects.get(action="status.rate_limited")
    assert event.data["by"] == "address" and event.data["address"] == HERE


def _forged(token: str, n: int) -> str:
    return token[:-4] + f"{n:04d}"


def test_forged_receipt_links_for_one_case_lock_its_real_link(wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.cases.links import case_token
    from tests.tenants.cases_helpers import receive

    connection.set_tenant(wushen)
    case, other = receive(), receive()
    token = case_token(case)
    assert get(Client(), f"/c/150626/r/{token}", REMOTE_ADDR=HERE).status_code == 200
    for n in range(5):
        answer = get(Client(), f"/c/150626/r/{_forged(token, n)}", REMOTE_ADDR=f"127.0.4.{n}")
        assert answer.status_code == 404
    locked = get(Client(), f"/c/150626/r/{token}", REMOTE_ADDR=THERE)
    page = locked.content.decode()
    assert locked.status_code == 429 and "尝试次数过多" in page
    assert case.number not in page and "已收件" not in page
    assert get(Client(), f"/c/150626/r/{case_token(other)}", REMOTE_ADDR=THERE).status_code == 200
    assert PlatformAuditEvent.objects.filter(action="receipt.rate_limited", data__by="target").exists()


def test_the_api_refuses_the_same_way_with_a_typed_error(wushen) -> None:  # type: ignore[no-untyped-def]
    """The pages are not the only way in: the county API's public fields are limited too."""
    query = "query($n: String!, $t: String!) { caseStatus(number: $n, phoneTail: $t) { status } }"
    for _ in range(5):
        _, body = gql(
            Client(), query, {"n": "X-1", "t": "0000"}, path=county_path("150626"), REMOTE_ADDR=HERE
        )
        assert body["data"]["caseStatus"] is None
    _, body = gql(Client(), query, {"n": "X-1", "t": "0000"}, path=county_path("150626"), REMOTE_ADDR=THERE)
    assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert body["data"] is None or body["data"]["caseStatus"] is None
    review = 'mutation { submitReview(token: "x", level: 5, channel: "qr") { errors { code } } }'
    for _ in range(20):
        gql(Client(), review, path=county_path("150626"), REMOTE_ADDR="127.0.5.1")
    _, body = gql(Client(), review, path=county_path("150626"), REMOTE_ADDR="127.0.5.1")
    assert body["data"]["submitReview"]["errors"][0]["code"] == "RATE_LIMITED"


def test_the_address_behind_a_trusted_proxy_is_the_clients_and_a_forged_header_is_ignored(settings) -> None:  # type: ignore[no-untyped-def]
    from django.test import RequestFactory

    from onewindow.platform.accounts.throttle import client_address

    settings.TRUSTED_PROXIES = frozenset({"127.0.0.9", "127.0.0.8"})
    make = RequestFactory().get
    assert client_address(make("/", REMOTE_ADDR=HERE, HTTP_X_FORWARDED_FOR="127.0.0.7")) == HERE
    via_bff = make("/", REMOTE_ADDR="127.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4, 127.0.0.6, 127.0.0.8")
    assert client_address(via_bff) == "127.0.0.6"
    assert client_address(make("/", REMOTE_ADDR="127.0.0.9")) == "127.0.0.9"
