"""Writes for users, memberships and API tokens. Each is one transaction with an audit event."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.db import transaction

from onewindow.platform.accounts.models import ApiToken, Membership, User
from onewindow.platform.accounts.roles import COUNTY_ROLES, PLATFORM_ROLES, Role
from onewindow.platform.audit.services import record_platform_event
from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, NotFound
from onewindow.platform.counties.models import County

TOKEN_PREFIX = "ow"


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the full token, shown once


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def grant_membership(
    user: User, county: County | None, roles: list[str], *, actor: object | None = None
) -> Membership:
    """Give ``user`` these roles in ``county`` (or on the platform when ``county`` is None)."""
    allowed = PLATFORM_ROLES if county is None or county.is_platform else COUNTY_ROLES
    for role in roles:
        if role not in allowed:
            raise BusinessError("INVALID_ROLE", f"角色 {role} 不适用于此范围", field="roles")
    scope = None if county is None or county.is_platform else county
    membership, _ = Membership.objects.update_or_create(
        user=user, county=scope, defaults={"roles": sorted(set(roles))}
    )
    record_platform_event(
        "membership.granted",
        membership,
        actor=actor,
        data={"user": user.username, "county": scope.code if scope else None, "roles": roles},
    )
    return membership


def roles_in(user: User, county: County | None) -> frozenset[str]:
    """The user's roles in ``county``; ``None`` or the public row means the platform."""
    if not user.is_authenticated:
        return frozenset()
    scope = None if county is None or county.is_platform else county
    row = Membership.objects.filter(user=user, county=scope).values_list("roles", flat=True).first()
    return frozenset(row or ())


@transaction.atomic
def issue_api_token(
    user: User,
    county: County | None,
    name: str,
    *,
    actor: object | None = None,
    expires_at: dt.datetime | None = None,
) -> IssuedToken:
    """Create a token for ``user``, usable only on ``county`` (or the platform API)."""
    scope = None if county is None or county.is_platform else county
    if not name.strip():
        raise BusinessError("REQUIRED", "令牌名称不能为空", field="name")
    if not roles_in(user, scope):
        raise BusinessError("NOT_A_MEMBER", "该用户在此范围内没有角色，不能签发令牌", field="county")
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        county=scope,
        name=name.strip(),
        prefix=prefix,
        key_hash=_hash(secret),
        created_at=clock.now(),
        expires_at=expires_at,
    )
    record_platform_event(
        "api_token.issued",
        token,
        actor=actor or user,
        data={"prefix": prefix, "county": scope.code if scope else None, "name": token.name},
    )
    return IssuedToken(token, secret)


@transaction.atomic
def revoke_api_token(token_id: int, *, actor: User, county: County | None) -> ApiToken:
    """Revoke one of ``actor``'s tokens scoped to ``county`` (None: the platform)."""
    scope = None if county is None or county.is_platform else county
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=actor, county=scope).first()
    if token is None:
        raise NotFound("令牌", field="id")
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        record_platform_event("api_token.revoked", token, actor=actor, data={"prefix": token.prefix})
    return token


def authenticate_token(raw: str) -> ApiToken | None:
    """The live token ``raw`` stands for, or None. Constant-time comparison of the hash."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = ApiToken.objects.select_related("user", "county").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.key_hash, _hash(raw)):
        return None
    now = clock.now()
    if token.revoked_at is not None or (token.expires_at and token.expires_at <= now):
        return None
    if not token.user.is_active:
        return None
    # Touch at most once a minute: a busy integration must not write on every request.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


@transaction.atomic
def ensure_user(
    username: str, *, password: str | None = None, display_name: str = "", actor: object | None = None
) -> User:
    """Create the user if missing (used by onboarding and the demo); never changes a password."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, display_name=display_name)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        record_platform_event("user.created", user, actor=actor, data={"username": username})
    return user


__all__ = [
    "IssuedToken",
    "Role",
    "authenticate_token",
    "ensure_user",
    "grant_membership",
    "issue_api_token",
    "revoke_api_token",
    "roles_in",
]
