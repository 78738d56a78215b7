"""Reads of accounts that more than one caller needs."""

from __future__ import annotations

from onewindow.platform.accounts.models import Membership, User


def memberships_of(user: User) -> list[Membership]:
    """The user's memberships, the platform first, then counties by code (active counties only)."""
    rows = Membership.objects.select_related("county").filter(user=user).exclude(roles=[])
    listed = [m for m in rows if m.county is None or m.county.is_active]
    return sorted(listed, key=lambda m: (m.county is not None, m.county.code if m.county else ""))
