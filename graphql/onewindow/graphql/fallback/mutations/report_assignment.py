from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.fallback.types import AssignmentType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.fallback import services


class ReportAssignment(BaseMutation):
    """承办部门填写交办单的完成情况。"""

    class Arguments:
        number = graphene.String(required=True, description="交办单编号")
        completion = graphene.String(required=True)

    assignment = graphene.Field(AssignmentType)

    class Meta:
        permission = Perm.WORK_ORDERS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ReportAssignment:
        return cls(
            assignment=services.report_assignment(
                data["number"], completion=data["completion"], actor=ctx.user
            )
        )
