from __future__ import annotations

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from onewindow.graphql.core.connections import CountableConnection
from onewindow.tenants.workorders.models import OrderStatus, WorkOrder

OrderStatusEnum = graphene.Enum.from_enum(OrderStatus, description="工单状态")


class WorkOrderType(DjangoObjectType):
    """差评整改工单 (the reviewer is not named: GB/T 39734)."""

    status = OrderStatusEnum(required=True)
    department_code = graphene.String()
    review_level = graphene.Int(required=True)
    case_number = graphene.String()

    class Meta:
        model = WorkOrder
        name = "WorkOrder"
        use_connection = True
        connection_class = CountableConnection
        fields = (
            "number",
            "version",
            "opened_on",
            "callback_due_on",
            "called_back_at",
            "callback_note",
            "verified",
            "classification",
            "explanation",
            "rectification_due_on",
            "rectified_at",
            "rectification_report",
            "follow_up_level",
            "archived_at",
        )

    @staticmethod
    def resolve_department_code(root: WorkOrder, info: Any) -> str | None:
        return root.department.code if root.department else None

    @staticmethod
    def resolve_review_level(root: WorkOrder, info: Any) -> int:
        return root.review.level

    @staticmethod
    def resolve_case_number(root: WorkOrder, info: Any) -> str | None:
        return root.review.case.number if root.review.case_id else None  # type: ignore[union-attr]
