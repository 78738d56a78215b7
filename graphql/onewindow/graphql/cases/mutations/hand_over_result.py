from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.cases.services import hand_over_result


class HandOverResult(BaseMutation):
    """审批部门将办理结果移交综合出件窗口（000 第九条 办理交接手续）；超过本县时限的记为未及时送达。"""

    class Arguments:
        number = graphene.String(required=True)

    case = graphene.Field(CaseType)

    class Meta:
        permission = Perm.CASE_DECIDE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> HandOverResult:
        handover = hand_over_result(data["number"], actor=ctx.user, roles=ctx.roles)
        return cls(case=handover.case)
