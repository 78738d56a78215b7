from __future__ import annotations

from typing import Any

import graphene
from django.contrib.auth import update_session_auth_hash

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.members import change_own_password
from onewindow.platform.core.errors import BusinessError


class ChangeMyPassword(BaseMutation):
    """修改我的密码（须给出原密码）。当前会话保持登录。"""

    class Arguments:
        old_password = graphene.String(required=True)
        new_password = graphene.String(required=True)

    ok = graphene.Boolean()

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ChangeMyPassword:
        if not ctx.is_authenticated:
            raise BusinessError("UNAUTHENTICATED", "请先登录")
        user = change_own_password(
            ctx.user, old_password=data["old_password"], new_password=data["new_password"]
        )
        if hasattr(ctx.request, "session"):
            update_session_auth_hash(ctx.request, user)  # the session that changed it stays valid
        return cls(ok=True)
