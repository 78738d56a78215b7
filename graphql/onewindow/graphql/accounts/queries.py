from __future__ import annotations

from typing import Any

import graphene
from django.db.models import QuerySet

from onewindow.graphql.accounts.types import ApiTokenType, Me
from onewindow.graphql.core.connections import ListConnectionField, connection_of
from onewindow.graphql.core.context import api_context
from onewindow.platform.accounts.models import ApiToken


class AccountQueries(graphene.ObjectType):
    me = graphene.Field(Me, description="当前用户；未登录时为空")
    my_api_tokens = ListConnectionField(
        connection_of(ApiTokenType, "ApiToken"),
        description="我在此处（本县或平台）的 API 令牌（最新在前）",
        required=True,
    )

    @staticmethod
    def resolve_me(root: Any, info: Any) -> Any:
        ctx = api_context(info)
        return ctx.user if ctx.is_authenticated else None

    @staticmethod
    def resolve_my_api_tokens(root: Any, info: Any, **_: Any) -> QuerySet[ApiToken]:
        ctx = api_context(info)
        if not ctx.is_authenticated:
            return ApiToken.objects.none()
        return (
            ApiToken.objects.select_related("county")
            .filter(user=ctx.user, county=ctx.county)
            .order_by("-created_at", "-id")
        )
