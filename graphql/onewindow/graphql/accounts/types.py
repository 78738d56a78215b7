from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import api_context
from onewindow.graphql.core.ids import resolve_global_id
from onewindow.platform.accounts.models import ApiToken, User


class Me(graphene.ObjectType):
    """当前用户 and what they may do where they are (resolved from the caller's user)."""

    username = graphene.String(required=True)
    display_name = graphene.String(required=True)
    roles = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="在当前县（或平台）的角色"
    )
    permissions = graphene.List(graphene.NonNull(graphene.String), required=True)

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
