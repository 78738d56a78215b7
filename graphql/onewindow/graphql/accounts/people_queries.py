"""人员与权限 reads: the members here, the history of their accounts, the roles one may grant."""

from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.accounts.types import AccountEventConnection, MemberConnection, RoleChoiceType
from onewindow.graphql.core.context import api_context
from onewindow.graphql.core.errors import api_error
from onewindow.graphql.core.paging import connection_from_queryset
from onewindow.platform.accounts.roles import COUNTY_ROLES, PLATFORM_ROLES, Perm, Role
from onewindow.platform.accounts.selectors import account_history, members_of


def _manager(info: Any) -> Any:
    ctx = api_context(info)
    needed = Perm.COUNTY_MANAGE_STAFF if ctx.county is not None else Perm.PLATFORM_MANAGE_OPERATORS
    if not ctx.has(needed):
        if not ctx.is_authenticated:
            raise api_error("UNAUTHENTICATED", "请先登录")
        raise api_error("PERMISSION_DENIED", "没有执行此操作的权限")
    return ctx.county


class PeopleQueries(graphene.ObjectType):
    members = graphene.Field(
        MemberConnection,
        required=True,
        search=graphene.String(description="按用户名或姓名查找"),
        first=graphene.Int(),
        after=graphene.String(),
        last=graphene.Int(),
        before=graphene.String(),
        description="本县（平台上：省级运营人员）的全部成员，按用户名排序",
    )
    account_history = graphene.Field(
        AccountEventConnection,
        required=True,
        first=graphene.Int(),
        after=graphene.String(),
        last=graphene.Int(),
        before=graphene.String(),
        description="账号与角色的变更记录（最新在前）",
    )
    assignable_roles = graphene.List(
        graphene.NonNull(RoleChoiceType), required=True, description="此处可授予的角色"
    )

    @staticmethod
    def resolve_members(root: Any, info: Any, search: str | None = None, **page: Any) -> Any:
        county = _manager(info)
        return connection_from_queryset(MemberConnection, members_of(county, search or ""), page)

    @staticmethod
    def resolve_account_history(root: Any, info: Any, **page: Any) -> Any:
        county = _manager(info)
        return connection_from_queryset(
            AccountEventConnection, account_history(county.code if county else None), page
        )

    @staticmethod
    def resolve_assignable_roles(root: Any, info: Any) -> list[RoleChoiceType]:
        county = _manager(info)
        allowed = COUNTY_ROLES if county is not None else PLATFORM_ROLES
        return [RoleChoiceType(code=r.value, label=r.label) for r in Role if r in allowed]
