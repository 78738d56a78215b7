from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.cases.services import issue_result


class IssueResult(BaseMutation):
    """统一出件：只能由综合出件窗口出件，其他窗口的尝试会被拒绝并记录。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True, description="看到的版本号；办件已被他人修改时拒绝")
        window = graphene.String(required=True)
        delivery = graphene.String(required=True, description="pickup / self_print / express")
        tracking_number = graphene.String(description="政务快递运单号")

    case = graphene.Field(CaseType)

    class Meta:
        permission = Perm.CASE_ISSUE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> IssueResult:
        case = issue_result(
            data["number"],
            version=data["version"],
            window=data["window"],
            delivery=data["delivery"],
            tracking_number=data.get("tracking_number") or "",
            actor=ctx.user,
        )
        return cls(case=case)
