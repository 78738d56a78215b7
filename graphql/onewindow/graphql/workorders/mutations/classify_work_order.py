from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.workorders.types import WorkOrderType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.workorders.services import classify_order


class ClassifyWorkOrder(BaseMutation):
    """分类处理：fix_now 立即整改 / explain 限期整改 / no_legal_basis 解释说明 / mistaken 申诉。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True)
        classification = graphene.String(required=True)
        explanation = graphene.String()
        rectification_due_on = graphene.Date(description="限期整改的期限（默认按县配置的工作日数）")

    order = graphene.Field(WorkOrderType)

    class Meta:
        permission = Perm.WORK_ORDERS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ClassifyWorkOrder:
        order = classify_order(
            data["number"],
            version=data["version"],
            classification=data["classification"],
            explanation=data.get("explanation") or "",
            rectification_due_on=data.get("rectification_due_on"),
            actor=ctx.user,
        )
        return cls(order=order)
