from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.accounts.types import MemberType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.members import create_account
from onewindow.platform.accounts.roles import Perm


class CreateAccount(BaseMutation):
    """开通账号：新用户及其在本县（平台上：省级运营）的角色。未给密码时生成临时密码，只显示这一次。"""

    class Arguments:
        username = graphene.String(required=True)
        display_name = graphene.String(required=True, description="姓名")
        roles = graphene.List(graphene.NonNull(graphene.String), required=True)
        password = graphene.String(description="初始密码；为空则生成临时密码")

    member = graphene.Field(MemberType)
    temporary_password = graphene.String(description="生成的临时密码（只显示这一次）")

    class Meta:
        permission = Perm.COUNTY_MANAGE_STAFF
        platform_permission = Perm.PLATFORM_MANAGE_OPERATORS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> CreateAccount:
        made = create_account(
            username=data["username"],
            display_name=data["display_name"],
            roles=list(data["roles"]),
            password=data.get("password"),
            county=ctx.county,
            actor=ctx.user,
        )
        return cls(member=made.membership, temporary_password=made.temporary_password)
