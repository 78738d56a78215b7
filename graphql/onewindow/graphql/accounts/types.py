from __future__ import annotations

from typing import Any

import graphene
from graphene.types.generic import GenericScalar

from onewindow.graphql.core.connections import CountableConnection
from onewindow.graphql.core.context import api_context
from onewindow.graphql.core.ids import resolve_global_id
from onewindow.graphql.hall.types import StaffMemberType
from onewindow.platform.accounts.models import ApiToken, Membership, User
from onewindow.platform.accounts.roles import Role
from onewindow.platform.accounts.selectors import memberships_of
from onewindow.platform.audit.models import PlatformAuditEvent
from onewindow.tenants.hall.selectors import staff_member_for


class MembershipType(graphene.ObjectType):
    """我在某县（或平台）的成员资格."""

    class Meta:
        name = "MyMembership"

    county_code = graphene.String(description="县的行政区划代码；为空表示省级平台")
    county_name = graphene.String(required=True)
    roles = graphene.List(graphene.NonNull(graphene.String), required=True)
    role_labels = graphene.List(graphene.NonNull(graphene.String), required=True)


class Me(graphene.ObjectType):
    """当前用户 and what they may do where they are (resolved from the caller's user)."""

    username = graphene.String(required=True)
    display_name = graphene.String(required=True)
    roles = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="在当前县（或平台）的角色"
    )
    permissions = graphene.List(graphene.NonNull(graphene.String), required=True)
    role_labels = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="角色的中文名称，与 roles 同序"
    )
    memberships = graphene.List(
        graphene.NonNull(MembershipType), required=True, description="我所属的全部县（及平台），用于选择县"
    )
    staff_member = graphene.Field(
        StaffMemberType, description="本县花名册中与我的用户名对应的工作人员（窗口、部门）"
    )

    @staticmethod
    def resolve_role_labels(root: Any, info: Any) -> list[str]:
        return [Role(r).label for r in sorted(api_context(info).roles) if r in Role.values]

    @staticmethod
    def resolve_memberships(root: User, info: Any) -> list[MembershipType]:
        return [
            MembershipType(
                county_code=m.county.code if m.county else None,
                county_name=m.county.name if m.county else "省级平台",
                roles=sorted(m.roles),
                role_labels=[Role(r).label for r in sorted(m.roles) if r in Role.values],
            )
            for m in memberships_of(root)
        ]

    @staticmethod
    def resolve_staff_member(root: User, info: Any) -> Any:
        return staff_member_for(root.username) if api_context(info).county is not None else None

    @staticmethod
    def resolve_display_name(root: User, info: Any) -> str:
        return root.display_name or root.username

    @staticmethod
    def resolve_roles(root: Any, info: Any) -> list[str]:
        return sorted(api_context(info).roles)

    @staticmethod
    def resolve_permissions(root: Any, info: Any) -> list[str]:
        return sorted(str(p) for p in api_context(info).permissions)


class ApiTokenType(graphene.ObjectType):
    """API 令牌 (the secret itself is shown only once, when created)."""

    class Meta:
        name = "ApiToken"

    id = graphene.ID(required=True, description="全局 ID（不透明）")
    resolve_id = staticmethod(resolve_global_id)
    name = graphene.String(required=True)
    prefix = graphene.String(required=True, description="令牌的可见前缀，用于识别")
    county_code = graphene.String(description="令牌所属的县；为空表示平台令牌")
    created_at = graphene.DateTime(required=True)
    last_used_at = graphene.DateTime()
    revoked_at = graphene.DateTime()

    @staticmethod
    def resolve_county_code(root: ApiToken, info: Any) -> str | None:
        return root.county.code if root.county_id and root.county else None


class MemberType(graphene.ObjectType):
    """本县（或平台）的一名成员: the account and its roles here."""

    class Meta:
        name = "Member"

    username = graphene.String(required=True)
    display_name = graphene.String(required=True)
    roles = graphene.List(graphene.NonNull(graphene.String), required=True)
    role_labels = graphene.List(graphene.NonNull(graphene.String), required=True)
    is_active = graphene.Boolean(required=True)
    last_login = graphene.DateTime()
    joined_at = graphene.DateTime(required=True)

    @staticmethod
    def resolve_username(root: Membership, info: Any) -> str:
        return root.user.username

    @staticmethod
    def resolve_display_name(root: Membership, info: Any) -> str:
        return root.user.display_name or root.user.username

    @staticmethod
    def resolve_roles(root: Membership, info: Any) -> list[str]:
        return sorted(root.roles)

    @staticmethod
    def resolve_role_labels(root: Membership, info: Any) -> list[str]:
        return [Role(r).label for r in sorted(root.roles) if r in Role.values]

    @staticmethod
    def resolve_is_active(root: Membership, info: Any) -> bool:
        return root.user.is_active

    @staticmethod
    def resolve_last_login(root: Membership, info: Any) -> Any:
        return root.user.last_login

    @staticmethod
    def resolve_joined_at(root: Membership, info: Any) -> Any:
        return root.created_at


class MemberConnection(CountableConnection):
    class Meta:
        node = MemberType


class AccountEventType(graphene.ObjectType):
    """人员与权限的一条操作记录."""

    class Meta:
        name = "AccountEvent"

    occurred_at = graphene.DateTime(required=True)
    action = graphene.String(required=True)
    actor = graphene.String(required=True)
    username = graphene.String()
    data = GenericScalar()

    @staticmethod
    def resolve_actor(root: PlatformAuditEvent, info: Any) -> str:
        return root.actor_label

    @staticmethod
    def resolve_username(root: PlatformAuditEvent, info: Any) -> str | None:
        return root.data.get("username")


class AccountEventConnection(CountableConnection):
    class Meta:
        node = AccountEventType


class RoleChoiceType(graphene.ObjectType):
    class Meta:
        name = "RoleChoice"

    code = graphene.String(required=True)
    label = graphene.String(required=True)
