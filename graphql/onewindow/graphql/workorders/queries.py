from __future__ import annotations

from typing import Any

import graphene
from django.db.models import QuerySet

from onewindow.graphql.core.connections import ConnectionField
from onewindow.graphql.core.permissions import require
from onewindow.graphql.workorders.types import OrderStatusEnum, WorkOrderType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.workorders.models import WorkOrder
from onewindow.tenants.workorders.services import callback_rate


class WorkOrderQueries(graphene.ObjectType):
    work_orders = ConnectionField(
        WorkOrderType, status=OrderStatusEnum(), description="差评整改工单（最新在前）", required=True
    )
    work_order = graphene.Field(
        WorkOrderType, number=graphene.String(required=True), description="按编号查询一张差评整改工单"
    )
    work_order_callback_rate = graphene.Float(description="差评回访率（目标 100%）")

    @staticmethod
    @require(Perm.WORK_ORDERS)
    def resolve_work_orders(root: Any, info: Any, status: Any = None, **_: Any) -> QuerySet[WorkOrder]:
        qs = WorkOrder.objects.select_related("department", "review__case")
        if status is not None:
            qs = qs.filter(status=getattr(status, "value", status))
        return qs.order_by("-opened_on", "-id")

    @staticmethod
    @require(Perm.WORK_ORDERS)
    def resolve_work_order(root: Any, info: Any, number: str) -> WorkOrder | None:
        return WorkOrder.objects.select_related("department", "review__case").filter(number=number).first()

    @staticmethod
    @require(Perm.WORK_ORDERS)
    def resolve_work_order_callback_rate(root: Any, info: Any) -> float | None:
        return callback_rate()
