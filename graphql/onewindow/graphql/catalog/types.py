from __future__ import annotations

from typing import Any

import graphene
from graphene.types.generic import GenericScalar
from graphene_django import DjangoObjectType

from onewindow.graphql.core.connections import CountableConnection
from onewindow.graphql.core.ids import resolve_global_id
from onewindow.graphql.hall.types import DepartmentType
from onewindow.platform.catalog.models import ItemType
from onewindow.tenants.catalog import models

ItemTypeEnum = graphene.Enum.from_enum(ItemType, description="事项类型（通许 004 第二条）")
ItemKindEnum = graphene.Enum.from_enum(models.ItemKind, description="即办件 / 承诺件")


class MaterialType(DjangoObjectType):
    exempt = graphene.String(description="免提交原因：government_issued / e_licence；为空则须提交")

    class Meta:
        model = models.ItemMaterial
        name = "Material"
        fields = ("code", "name", "format", "copies", "source", "tolerance_allowed")

    @staticmethod
    def resolve_exempt(root: models.ItemMaterial, info: Any) -> str | None:
        return root.exempt or None


class FaqEntry(graphene.ObjectType):
    q = graphene.String(required=True)
    a = graphene.String(required=True)


class ServiceItemType(DjangoObjectType):
    provincial_code = graphene.String()
    item_type = ItemTypeEnum(required=True)
    kind = ItemKindEnum(required=True)
    department = graphene.Field(DepartmentType, required=True)
    guide = GenericScalar(required=True, description="办事指南（004 第十条）")
    materials = graphene.List(graphene.NonNull(MaterialType), required=True)
    review_points = graphene.List(graphene.NonNull(graphene.String), required=True)
    faq = graphene.List(graphene.NonNull(FaqEntry), required=True)

    class Meta:
        model = models.ServiceItem
        name = "ServiceItem"
        interfaces = (graphene.relay.Node,)
        connection_class = CountableConnection
        fields = (
            "code",
            "name",
            "competent_department",
            "implementing_body",
            "legal_basis",
            "department",
            "statutory_limit_days",
            "promised_limit_days",
            "online_depth",
            "visits_required",
            "assistance_eligible",
            "self_service",
        )

    @classmethod
    def get_queryset(cls, queryset, info):  # type: ignore[no-untyped-def]
        return queryset.filter(retired_at__isnull=True)

    @staticmethod
    def resolve_provincial_code(root: models.ServiceItem, info: Any) -> str | None:
        return root.provincial_code or None

    @staticmethod
    def resolve_materials(root: models.ServiceItem, info: Any) -> list[models.ItemMaterial]:
        return list(root.materials.all())

    @staticmethod
    def resolve_faq(root: models.ServiceItem, info: Any) -> list[FaqEntry]:
        return [FaqEntry(q=f["q"], a=f["a"]) for f in root.faq]


class CombinedMaterialType(graphene.ObjectType):
    class Meta:
        name = "CombinedMaterial"

    name = graphene.String(required=True)
    items = graphene.List(graphene.NonNull(graphene.String), required=True, description="要求此材料的事项")
    tolerance_allowed = graphene.Boolean(required=True)
    exempt = graphene.Boolean(required=True)


class BundleType(DjangoObjectType):
    lead_department = graphene.Field(DepartmentType, required=True)
    co_departments = graphene.List(graphene.NonNull(DepartmentType), required=True)
    items = graphene.List(graphene.NonNull(ServiceItemType), required=True)
    combined_materials = graphene.List(
        graphene.NonNull(CombinedMaterialType), required=True, description="合并去重后的一张材料清单"
    )

    class Meta:
        model = models.Bundle
        name = "Bundle"
        fields = ("code", "name", "national_code", "lead_department", "promised_limit_days")

    @staticmethod
    def resolve_co_departments(root: models.Bundle, info: Any) -> list[Any]:
        return list(root.co_departments.all())

    @staticmethod
    def resolve_items(root: models.Bundle, info: Any) -> list[models.ServiceItem]:
        return list(root.items.all())

    @staticmethod
    def resolve_combined_materials(root: models.Bundle, info: Any) -> list[Any]:
        from onewindow.tenants.catalog.selectors import combined_materials

        return combined_materials(root)


class DriftType(graphene.ObjectType):
    """认领事项与省级目录不一致之处。"""

    class Meta:
        name = "CatalogDrift"

    item_code = graphene.String(required=True)
    item_name = graphene.String(required=True)
    field = graphene.String(required=True)
    county_value = graphene.String(required=True)
    provincial_value = graphene.String(required=True)


class CatalogChangeStatus(graphene.Enum):
    """目录调整状态"""

    DUE = "due"
    OVERDUE = "overdue"
    APPLIED = "applied"
    APPLIED_LATE = "applied_late"


class CatalogChangeRequestType(DjangoObjectType):
    """事项目录调整（004 第十二条）：3 个工作日内告知，7 个工作日内调整到位。"""

    department = graphene.Field(DepartmentType, required=True)
    id = graphene.ID(required=True, description="全局 ID（不透明）")
    resolve_id = staticmethod(resolve_global_id)
    item_code = graphene.String()
    status = CatalogChangeStatus(required=True)
    reported_late = graphene.Boolean(required=True, description="告知晚于依据公布后 3 个工作日")

    class Meta:
        model = models.CatalogChangeRequest
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
    def resolve_item_code(root: models.CatalogChangeRequest, info: Any) -> str | None:
        return root.item.code if root.item else None

    @staticmethod
    def resolve_status(root: models.CatalogChangeRequest, info: Any) -> str:
        from onewindow.tenants.catalog.services import change_state

        return change_state(root).status

    @staticmethod
    def resolve_reported_late(root: models.CatalogChangeRequest, info: Any) -> bool:
        from onewindow.tenants.catalog.services import change_state

        return change_state(root).reported_late
