from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.cases.services import refuse_case


class RefuseCase(BaseMutation):
    """不予受理：写明理由，并告知申请人救济途径。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True, description="看到的版本号；办件已被他人修改时拒绝")
        reason = graphene.String(required=True)

    case = graphene.Field(CaseType)

    class Meta:
        permission = Perm.CASE_INTAKE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RefuseCase:
        return cls(
            case=refuse_case(data["number"], version=data["version"], reason=data["reason"], actor=ctx.user)
        )
