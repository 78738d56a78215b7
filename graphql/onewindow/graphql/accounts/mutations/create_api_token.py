from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.accounts.types import ApiTokenType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.services import issue_api_token
from onewindow.platform.core.errors import BusinessError


class CreateApiToken(BaseMutation):
    """为集成系统签发 API 令牌，只能用于当前县（在平台接口上签发则只能用于平台）。"""

    class Arguments:
        name = graphene.String(required=True, description="令牌用途，如“12345 热线对接”")

    token = graphene.Field(ApiTokenType)
    secret = graphene.String(description="完整令牌，仅此一次返回，请妥善保存")

    class Meta:
        permission = None  # any member may hold tokens for their own roles here

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> CreateApiToken:
        if not ctx.is_authenticated:
            raise BusinessError("UNAUTHENTICATED", "请先登录")
        issued = issue_api_token(ctx.user, ctx.county, data["name"], actor=ctx.user)
        return cls(token=issued.token, secret=issued.secret)
