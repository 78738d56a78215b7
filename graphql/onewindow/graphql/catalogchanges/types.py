from __future__ import annotations

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from onewindow.graphql.core.connections import CountableConnection
from onewindow.graphql.core.ids import resolve_global_id
from onewindow.graphql.hall.types import DepartmentType
from onewindow.tenants.catalogchanges.models import CatalogChangeRequest
from onewindow.tenants.catalogchanges.selectors import change_state


class CatalogChangeStatus(graphene.Enum):
    """目录调整状态"""

    DUE = "due"
    OVERDUE = "overdue"
    APPLIED = "applied"
    APPLIED_LATE = "applied_late"
    OPEN = "open"  # the county sets no limit: not yet applied, never late


class CatalogChangeRequestType(DjangoObjectType):
    """事项目录调整（通许 004 第十二条：3 个工作日内告知，7 个工作日内调整到位）。时限来自该县政策包的
    ``catalog_changes``；未设时限的县，``reportDue`` / ``applyDue`` 为空，状态为 OPEN，不计超期。"""

    department = graphene.Field(DepartmentType, required=True)
    id = graphene.ID(required=True, description="全局 ID（不透明）")
    resolve_id = staticmethod(resolve_global_id)
    item_code = graphene.String()
    status = CatalogChangeStatus(required=True)
    reported_late = graphene.Boolean(required=True, description="告知晚于政策包规定的时限（未设时限：false）")

    class Meta:
        model = CatalogChangeRequest
        name = "CatalogChangeRequest"
        use_connection = True
        connection_class = CountableConnection
        fields = (
            "id",
            "summary",
            "rule_published_on",
            "reported_on",
            "report_due",
            "apply_due",
            "applied_on",
        )

    @staticmethod
    def resolve_item_code(root: CatalogChangeRequest, info: Any) -> str | None:
        return root.item.code if root.item else None

    @staticmethod
    def resolve_status(root: CatalogChangeRequest, info: Any) -> str:
        return change_state(root).status

    @staticmethod
    def resolve_reported_late(root: CatalogChangeRequest, info: Any) -> bool:
        return change_state(root).reported_late
