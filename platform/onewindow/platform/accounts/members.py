"""人员与权限: a county admin (or, for operators, a provincial operator) manages accounts.

Users are global; what a county admin manages is the county's memberships and the accounts
that belong to that county alone. An account that also works elsewhere (another county, the
platform) keeps its password and its active flag out of one county's reach: the admin can
only change its roles here or remove it from here. Every change is a platform audit event
carrying the county, so the county's history is one query.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from onewindow.platform.accounts.models import Membership, User
from onewindow.platform.accounts.roles import COUNTY_ROLES, PLATFORM_ROLES, Role
from onewindow.platform.audit.services import record_platform_event
from onewindow.platform.core.errors import BusinessError, ErrorDetail, NotFound, ValidationErrors
from onewindow.platform.counties.models import County

_USERNAME = re.compile(r"^[A-Za-z0-9_.-]{3,30}$")


@dataclass(frozen=True)
class NewAccount:
    user: User
    membership: Membership
    temporary_password: str | None  # shown once, when the admin did not choose one


def _scope(county: County | None) -> County | None:
    return None if county is None or county.is_platform else county


def _scope_code(county: County | None) -> str | None:
    scope = _scope(county)
    return scope.code if scope else None


def _check_roles(roles: list[str], county: County | None) -> list[str]:
    allowed = PLATFORM_ROLES if _scope(county) is None else COUNTY_ROLES
    if not roles:
        raise BusinessError("ROLES_REQUIRED", "请至少选择一个角色", field="roles")
    for role in roles:
        if role not in allowed:
            raise BusinessError("INVALID_ROLE", f"角色 {role} 不适用于此范围", field="roles")
    return sorted(set(roles))


def _check_password(password: str, user: User | None, field: str) -> None:
    try:
        password_validation.validate_password(password, user)
    except DjangoValidationError as exc:
        raise ValidationErrors(ErrorDetail("WEAK_PASSWORD", str(m), field) for m in exc.messages) from None


def _temporary_password() -> str:
    return "Ow-" + secrets.token_urlsafe(9)


def _member(username: str, county: County | None) -> Membership:
    row = (
        Membership.objects.select_related("user")
        .filter(user__username=username, county=_scope(county))
        .first()
    )
    if row is None:
        raise NotFound(f"成员 {username}", field="username")
    return row


def _only_here(user: User, county: County | None) -> bool:
    return not Membership.objects.filter(user=user).exclude(county=_scope(county)).exists()


@transaction.atomic
def create_account(
    *,
    username: str,
    display_name: str,
    roles: list[str],
    county: County | None,
    actor: object,
    password: str | None = None,
) -> NewAccount:
    """开通账号: a new user with roles in ``county`` (None: a provincial operator)."""
    username = username.strip()
    if not _USERNAME.match(username):
        raise BusinessError("INVALID_USERNAME", "用户名为3–30位字母、数字或 . _ -", field="username")
    if not display_name.strip():
        raise BusinessError("REQUIRED", "请填写姓名", field="display_name")
    if User.objects.filter(username__iexact=username).exists():
        raise BusinessError("USERNAME_TAKEN", f"用户名 {username} 已被使用", field="username")
    roles = _check_roles(roles, county)
    chosen = password is not None and password != ""
    secret = password if chosen else _temporary_password()
    user = User(username=username, display_name=display_name.strip())
    if chosen:
        _check_password(secret, user, "password")  # type: ignore[arg-type]
    user.set_password(secret)
    user.save()
    membership = Membership.objects.create(user=user, county=_scope(county), roles=roles)
    record_platform_event(
        "user.created",
        user,
        actor=actor,
        data={"username": username, "county": _scope_code(county), "roles": roles},
    )
    return NewAccount(user, membership, None if chosen else secret)


@transaction.atomic
def set_member_roles(username: str, roles: list[str], *, county: County | None, actor: User) -> Membership:
    """授予 / 收回角色: the member's roles here become exactly ``roles``."""
    membership = _member(username, county)
    roles = _check_roles(roles, county)
    if membership.user_id == actor.pk and _manager_role(county) not in roles:
        raise BusinessError("CANNOT_DEMOTE_SELF", "不能收回自己的管理员角色", field="roles")
    before = sorted(membership.roles)
    membership.roles = roles
    membership.save(update_fields=["roles"])
    record_platform_event(
        "membership.roles_changed",
        membership,
        actor=actor,
        data={"username": username, "county": _scope_code(county), "before": before, "after": roles},
    )
    return membership


def _manager_role(county: County | None) -> str:
    return Role.COUNTY_ADMIN if _scope(county) is not None else Role.PROVINCIAL_OPERATOR


@transaction.atomic
def reset_member_password(username: str, *, county: County | None, actor: User) -> str:
    """重置密码: a temporary password, shown once to the admin, for an account of this county
    alone (an account that also works elsewhere is reset where it is managed: the platform)."""
    membership = _member(username, county)
    user = membership.user
    if not _only_here(user, county):
        raise BusinessError(
            "MEMBER_ELSEWHERE", "该账号在其他县或平台也有角色，请由省级运营人员重置", field="username"
        )
    secret = _temporary_password()
    user.set_password(secret)
    user.save(update_fields=["password"])
    record_platform_event(
        "user.password_reset", user, actor=actor, data={"username": username, "county": _scope_code(county)}
    )
    return secret


@transaction.atomic
def remove_member(username: str, *, county: County | None, actor: User) -> User:
    """停用: the account leaves this county; with no role left anywhere it is deactivated."""
    membership = _member(username, county)
    user = membership.user
    if user.pk == actor.pk:
        raise BusinessError("CANNOT_REMOVE_SELF", "不能停用自己的账号", field="username")
    roles = sorted(membership.roles)
    membership.delete()
    deactivated = not Membership.objects.filter(user=user).exists()
    if deactivated:
        user.is_active = False
        user.save(update_fields=["is_active"])
    record_platform_event(
        "membership.removed",
        user,
        actor=actor,
        data={
            "username": username,
            "county": _scope_code(county),
            "roles": roles,
            "deactivated": deactivated,
        },
    )
    return user


@transaction.atomic
def change_own_password(user: User, *, old_password: str, new_password: str) -> User:
    """修改密码 by the user themself: the old one must be right, the new one strong enough."""
    if not user.check_password(old_password):
        raise BusinessError("WRONG_PASSWORD", "原密码不正确", field="old_password")
    if new_password == old_password:
        raise BusinessError("SAME_PASSWORD", "新密码不能与原密码相同", field="new_password")
    _check_password(new_password, user, "new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    record_platform_event("user.password_changed", user, actor=user, data={"username": user.username})
    return user


__all__ = [
    "NewAccount",
    "change_own_password",
    "create_account",
    "remove_member",
    "reset_member_password",
    "set_member_roles",
]
