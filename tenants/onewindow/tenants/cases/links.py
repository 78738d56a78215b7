"""The signed, expiring link on the receipt (QR code): case status and review, no account."""

from __future__ import annotations

import json
import zlib

from django.core import signing

from onewindow.platform.accounts import throttle
from onewindow.platform.core.errors import BusinessError
from onewindow.platform.core.tenancy import db
from onewindow.tenants.cases.models import Case

LINK_DAYS = 90
_SALT = "onewindow.case-link"


def case_token(case: Case) -> str:
    county = getattr(db, "tenant", None)
    return signing.dumps({"c": getattr(county, "code", ""), "n": case.number}, salt=_SALT, compress=True)


def case_from_token(token: str) -> Case:
    """The case a token was made for, in the active county; refused when forged, expired, or
    made for another county (nobody reviews someone else's case)."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=LINK_DAYS * 86400)
    except signing.SignatureExpired:
        raise BusinessError("LINK_EXPIRED", "链接已过期", field="token") from None
    except signing.BadSignature:
        raise BusinessError("LINK_INVALID", "链接无效", field="token") from None
    county = getattr(db, "tenant", None)
    case = (
        Case.objects.filter(number=data.get("n")).first()
        if data.get("c") == getattr(county, "code", None)
        else None
    )
    if case is None:
        raise BusinessError("LINK_INVALID", "链接无效", field="token")
    return case


def claimed_number(token: str) -> str:
    """The case number a token says it is for, read without trusting it (for rate limiting
    guesses at one case's link); empty when it cannot be read."""
    payload = token.split(":", 1)[0]
    compressed = payload.startswith(".")
    try:
        raw = signing.b64_decode(payload.lstrip(".").encode("ascii"))
        if compressed:
            inflater = zlib.decompressobj()
            raw = inflater.decompress(raw, 4096)
        data = json.loads(raw)
    except (ValueError, UnicodeError, zlib.error, TypeError):
        return ""
    number = data.get("n") if isinstance(data, dict) else None
    return number[:64] if isinstance(number, str) else ""


def guarded_case_from_token(token: str, *, county: str, address: str) -> Case:
    """``case_from_token`` for the public: a bad link counts against the caller's address and
    the case it names; once either is limited nothing is looked up (``RATE_LIMITED``)."""
    target = claimed_number(token)
    throttle.check("receipt", county=county, address=address, target=target)
    try:
        return case_from_token(token)
    except BusinessError:
        throttle.fail("receipt", county=county, address=address, target=target)
        raise
