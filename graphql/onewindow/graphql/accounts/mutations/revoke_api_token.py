from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.accounts.types import ApiTokenType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.services import revoke_api_token
from onewindow.platform.core.errors import BusinessError


class RevokeApiToken(BaseMutation):
    """撤销我的一个 API 令牌；撤销后立即失效。"""

    class Arguments:
        id = graphene.ID(required=True)

    token = graphene.Field(ApiTokenType)

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RevokeApiToken:
        if not ctx.is_authenticated:
            raise BusinessError("UNAUTHENTICATED", "请先登录")
        pk = decode_id(data["id"], "ApiToken", field="id")
        token = revoke_api_token(pk, actor=ctx.user, county=ctx.county)
        return cls(token=token)
