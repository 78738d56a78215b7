"""Reads of accounts that more than one caller needs."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from onewindow.platform.accounts.models import Membership, User
from onewindow.platform.audit.models import PlatformAuditEvent
from onewindow.platform.counties.models import County


def memberships_of(user: User) -> list[Membership]:
    """The user's memberships, the platform first, then counties by code (active counties only)."""
    rows = Membership.objects.select_related("county").filter(user=user).exclude(roles=[])
    listed = [m for m in rows if m.county is None or m.county.is_active]
    return sorted(listed, key=lambda m: (m.county is not None, m.county.code if m.county else ""))


def members_of(county: County | None, search: str = "") -> Any:
    """The county's (or, with None, the platform's) members, by username."""
    rows = Membership.objects.select_related("user").filter(county=county)
    if search:
        rows = rows.filter(Q(user__username__icontains=search) | Q(user__display_name__icontains=search))
    return rows.order_by("user__username", "id")


def account_history(county_code: str | None) -> Any:
    """Who was given, changed or removed which account and role here, newest first."""
    events = PlatformAuditEvent.objects.filter(
        action__in=[
            "user.created",
            "membership.granted",
            "membership.roles_changed",
            "membership.removed",
            "user.password_reset",
        ]
    )
    events = events.filter(data__county=county_code)
    return events.order_by("-occurred_at", "-id")
