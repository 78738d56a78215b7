from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.members import remove_member
from onewindow.platform.accounts.roles import Perm


class RemoveMember(BaseMutation):
    """停用：账号离开本县；在任何地方都没有角色时账号停用。"""

    class Arguments:
        username = graphene.String(required=True)

    deactivated = graphene.Boolean(description="账号是否已整体停用（不再属于任何县或平台）")

    class Meta:
        permission = Perm.COUNTY_MANAGE_STAFF
        platform_permission = Perm.PLATFORM_MANAGE_OPERATORS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RemoveMember:
        user = remove_member(data["username"], county=ctx.county, actor=ctx.user)
        return cls(deactivated=not user.is_active)
