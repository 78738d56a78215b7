from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.workorders.types import WorkOrderType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.workorders.services import report_rectification


class ReportRectification(BaseMutation):
    """报告整改情况；之后评价人可追评一次。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True)
        report = graphene.String(required=True)

    order = graphene.Field(WorkOrderType)

    class Meta:
        permission = Perm.WORK_ORDERS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ReportRectification:
        return cls(
            order=report_rectification(
                data["number"], version=data["version"], report=data["report"], actor=ctx.user
            )
        )
