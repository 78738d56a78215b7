from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.policy.types import PolicyChange, PolicyVersionType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.policy.services import apply_text


class ApplyPolicyPack(BaseMutation):
    """应用政策包：全部成功或全部不变；没有变化时不产生新版本。错误给出 YAML 路径。"""

    class Arguments:
        document = graphene.String(required=True, description="政策包 YAML")

    version = graphene.Field(PolicyVersionType, description="新版本；没有变化时为空")
    changes = graphene.List(graphene.NonNull(PolicyChange))

    pack_paths = True

    class Meta:
        permission = Perm.COUNTY_MANAGE_POLICY

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ApplyPolicyPack:
        result = apply_text(data["document"], actor=ctx.user, source="api")
        return cls(version=result.version, changes=result.diff)
