from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.cases.services import Pledge, accept_case


class PledgeInput(graphene.InputObjectType):
    """告知承诺：申请人承诺的内容及履行日期（本县工作日）。"""

    content = graphene.String(required=True)
    due_on = graphene.Date(description="履行日期；必填（缺少时返回 COMMITMENT_DUE_REQUIRED，指明是哪一条）")


class AcceptCase(BaseMutation):
    """受理（可容缺、可告知承诺）：即时流转到审批部门；一件事按成员事项分送；即办件当场办结。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True, description="看到的版本号；办件已被他人修改时拒绝")
        tolerate = graphene.List(graphene.NonNull(graphene.String), description="容缺受理的材料编码")
        tolerance_due_on = graphene.Date(description="容缺材料的补齐日期（本县工作日）")
        pledges = graphene.List(graphene.NonNull(PledgeInput), description="告知承诺（受理时登记，到期督办）")

    case = graphene.Field(CaseType)

    class Meta:
        permission = Perm.CASE_INTAKE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> AcceptCase:
        case = accept_case(
            data["number"],
            version=data["version"],
            tolerate=data.get("tolerate") or [],
            tolerance_due_on=data.get("tolerance_due_on"),
            pledges=[Pledge(p["content"], p.get("due_on")) for p in data.get("pledges") or []],
            actor=ctx.user,
        )
        return cls(case=case)
