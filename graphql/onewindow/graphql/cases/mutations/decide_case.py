from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.cases.services import decide_case


class DecideCase(BaseMutation):
    """审批：准予或不予许可（须说明理由），仅限本部门审批人员。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True, description="看到的版本号；办件已被他人修改时拒绝")
        approve = graphene.Boolean(required=True)
        reason = graphene.String()

    case = graphene.Field(CaseType)

    class Meta:
        permission = Perm.CASE_DECIDE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> DecideCase:
        case = decide_case(
            data["number"],
            version=data["version"],
            approve=data["approve"],
            reason=data.get("reason") or "",
            actor=ctx.user,
            roles=ctx.roles,
        )
        return cls(case=case)
