from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.permissions import require
from onewindow.graphql.workorders.types import OrderStatusEnum, WorkOrderType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.workorders.models import WorkOrder
from onewindow.tenants.workorders.services import callback_rate


class WorkOrderQueries(graphene.ObjectType):
    work_orders = graphene.List(
        graphene.NonNull(WorkOrderType),
        required=True,
        status=OrderStatusEnum(),
        description="差评整改工单（最近 200 件）",
    )
    work_order_callback_rate = graphene.Float(description="差评回访率（目标 100%）")

    @staticmethod
    @require(Perm.WORK_ORDERS)
    def resolve_work_orders(root: Any, info: Any, status: Any = None) -> list[WorkOrder]:
        qs = WorkOrder.objects.select_related("department", "review__case")
        if status is not None:
            qs = qs.filter(status=getattr(status, "value", status))
        return list(qs.order_by("-opened_on", "-id")[:200])

    @staticmethod
    @require(Perm.WORK_ORDERS)
    def resolve_work_order_callback_rate(root: Any, info: Any) -> float | None:
        return callback_rate()
