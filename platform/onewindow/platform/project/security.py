"""Login lockout (django-axes), wired at the top: the backend, the page and the audit event.

A login that fails ``AXES_FAILURE_LIMIT`` times for one username, or from one address, within
``AXES_COOLOFF_TIME`` locks that username (or address) out until the cool-off has passed since
the last failure: the login page answers 429 with a Chinese message, and the lockout is a
platform audit event (``login.locked_out``). Other personal data stays out of it: the event
names the username and the address, never the password tried.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Sum
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onewindow.platform.accounts import throttle
from onewindow.platform.audit.services import record_platform_event


def lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_message() -> str:
    return f"登录失败次数过多，账号或本机地址已被暂时锁定，请{lockout_minutes()}分钟后再试。"


class LoginLockoutBackend(AxesStandaloneBackend):
    """Axes' check on every web login (a request is there). ``authenticate`` without a request
    is no web login (the test client, a script), and no address to count: nothing to check."""

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> Any:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def client_address(request: HttpRequest) -> str | None:
    """The client's address, as the public lookups count it (trusted proxies' X-Forwarded-For)."""
    address = throttle.client_address(request)
    return None if address == "unknown" else address


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    context = {
        "form": AuthenticationForm(request),
        "locked_out": lockout_message(),
        "next": request.POST.get("next", "") if request.method == "POST" else request.GET.get("next", ""),
    }
    return render(request, "registration/login.html", context, status=429)


@receiver(user_locked_out)
def _audit_lockout(
    sender: object, request: HttpRequest, username: str | None, ip_address: str, **_: Any
) -> None:
    """One event when a username or an address becomes locked (axes signals every refused
    attempt during the lockout too: those are not events)."""
    from axes.models import AccessAttempt

    limit = settings.AXES_FAILURE_LIMIT
    for by, filters in (("username", {"username": username}), ("address", {"ip_address": ip_address})):
        failures = AccessAttempt.objects.filter(**filters).aggregate(n=Sum("failures_since_start"))["n"]
        if failures == limit:
            record_platform_event(
                "login.locked_out",
                "User",
                actor="anonymous",
                data={
                    "by": by,
                    "username": (username or "")[:150],
                    "address": ip_address,
                    "failures": limit,
                    "minutes": lockout_minutes(),
                },
            )
