from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.members import reset_member_password
from onewindow.platform.accounts.roles import Perm


class ResetMemberPassword(BaseMutation):
    """重置密码：生成临时密码（只显示这一次）。只适用于仅属于本县的账号。"""

    class Arguments:
        username = graphene.String(required=True)

    temporary_password = graphene.String()

    class Meta:
        permission = Perm.COUNTY_MANAGE_STAFF
        platform_permission = Perm.PLATFORM_MANAGE_OPERATORS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ResetMemberPassword:
        secret = reset_member_password(data["username"], county=ctx.county, actor=ctx.user)
        return cls(temporary_password=secret)
