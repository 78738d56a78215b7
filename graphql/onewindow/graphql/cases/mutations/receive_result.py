from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.cases.services import receive_result


class ReceiveResult(BaseMutation):
    """综合出件窗口签收审批部门移交的办理结果（一件事：签收各部门已移交的结果）。"""

    class Arguments:
        number = graphene.String(required=True)
        window = graphene.String(required=True, description="签收的综合出件窗口编码")

    case = graphene.Field(CaseType)

    class Meta:
        permission = Perm.CASE_ISSUE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ReceiveResult:
        return cls(case=receive_result(data["number"], window=data["window"], actor=ctx.user))
