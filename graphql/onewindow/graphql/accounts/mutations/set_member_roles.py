from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.accounts.types import MemberType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.members import set_member_roles
from onewindow.platform.accounts.roles import Perm


class SetMemberRoles(BaseMutation):
    """授予或收回角色：成员在本县（平台上：省级运营）的角色改为所给的这些。"""

    class Arguments:
        username = graphene.String(required=True)
        roles = graphene.List(graphene.NonNull(graphene.String), required=True)

    member = graphene.Field(MemberType)

    class Meta:
        permission = Perm.COUNTY_MANAGE_STAFF
        platform_permission = Perm.PLATFORM_MANAGE_OPERATORS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> SetMemberRoles:
        member = set_member_roles(data["username"], list(data["roles"]), county=ctx.county, actor=ctx.user)
        return cls(member=member)
