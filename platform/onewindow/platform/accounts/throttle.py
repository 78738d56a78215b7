"""Rate limiting of what the public may guess at: the receipt link and the status lookup.

Each failure (a forged or expired link, a case number with the wrong phone tail, an unknown
case number) is counted twice: for the client's address and for the target (the county and
the case number). Once either count reaches its limit within the window, every attempt with
that address or on that target is refused with ``RATE_LIMITED`` — whether the case exists,
and whether the guess would have been right, is not looked at, so the refusal says nothing
about the case. The moment a key becomes limited is a platform audit event.

Counted in the database (public schema), so every worker process sees the same counts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings

from onewindow.platform.accounts.models import FailedAttempt
from onewindow.platform.audit.services import record_platform_event
from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError


@dataclass(frozen=True)
class Limit:
    per_address: int
    per_target: int
    minutes: int


def limits() -> dict[str, Limit]:
    configured: dict[str, tuple[int, int, int]] = settings.PUBLIC_LOOKUP_LIMITS
    return {scope: Limit(*values) for scope, values in configured.items()}


class RateLimited(BusinessError):
    def __init__(self, minutes: int) -> None:
        super().__init__("RATE_LIMITED", f"尝试次数过多，请{minutes}分钟后再试")


def client_address(request: object) -> str:
    """The client's address: ``REMOTE_ADDR``, or — when that is a trusted proxy
    (``ONEWINDOW_TRUSTED_PROXIES``: the load balancer, the BFF deployed on its own) — the
    ``X-Forwarded-For`` address that proxy saw, read from the right past every trusted proxy.
    What a client writes in the header itself counts for nothing."""
    meta = getattr(request, "META", None) or {}
    address = str(meta.get("REMOTE_ADDR") or "")
    hops = [hop.strip() for hop in str(meta.get("HTTP_X_FORWARDED_FOR") or "").split(",") if hop.strip()]
    while address in settings.TRUSTED_PROXIES and hops:
        address = hops.pop()
    return address[:64] or "unknown"


def _target_key(county: str, target: str) -> str:
    # a hash: keys never carry what the client typed (a link, a number) in clear
    digest = hashlib.sha256(f"{county}\x00{target}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"target:{digest}"


def _keys(county: str, address: str, target: str) -> list[tuple[str, int]]:
    return [(f"address:{address}", 0), *([(_target_key(county, target), 1)] if target else [])]


def _count(scope: str, key: str, since: object) -> int:
    return FailedAttempt.objects.filter(scope=scope, key=key, occurred_at__gte=since).count()


def check(scope: str, *, county: str, address: str, target: str) -> None:
    """Refuse (``RATE_LIMITED``) when the address or the target is limited now."""
    limit = limits()[scope]
    since = clock.now() - timedelta(minutes=limit.minutes)
    for key, kind in _keys(county, address, target):
        cap = limit.per_address if kind == 0 else limit.per_target
        if _count(scope, key, since) >= cap:
            raise RateLimited(limit.minutes)


def fail(scope: str, *, county: str, address: str, target: str) -> None:
    """Count one failed attempt; the one that reaches a limit is audited."""
    limit = limits()[scope]
    now = clock.now()
    since = now - timedelta(minutes=limit.minutes)
    for key, kind in _keys(county, address, target):
        FailedAttempt.objects.filter(scope=scope, key=key, occurred_at__lt=since).delete()
        FailedAttempt.objects.create(scope=scope, key=key, occurred_at=now)
        cap = limit.per_address if kind == 0 else limit.per_target
        if _count(scope, key, since) == cap:
            record_platform_event(
                f"{scope}.rate_limited",
                "FailedAttempt",
                actor="anonymous",
                data={
                    "county": county,
                    "by": "address" if kind == 0 else "target",
                    "address": address,
                    "failures": cap,
                    "minutes": limit.minutes,
                },
            )


__all__ = ["Limit", "RateLimited", "check", "client_address", "fail", "limits"]
