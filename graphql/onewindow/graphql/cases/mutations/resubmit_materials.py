from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.cases.services import resubmit_materials


class ResubmitMaterials(BaseMutation):
    """申请人补正后重新提交材料，回到收件核对。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True, description="看到的版本号；办件已被他人修改时拒绝")
        provided = graphene.List(graphene.NonNull(graphene.String), required=True)

    case = graphene.Field(CaseType)

    class Meta:
        permission = Perm.CASE_INTAKE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ResubmitMaterials:
        return cls(
            case=resubmit_materials(
                data["number"], version=data["version"], provided=data["provided"], actor=ctx.user
            )
        )
