"""办事指南, public (004 第二十一条 主动公开): the county's catalog with guides, materials and
limits, readable with no account — the same source as the hall's (同源发布)."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import QuerySet

from onewindow.graphql.catalog.types import ServiceItemType
from onewindow.graphql.core.connections import ConnectionField
from onewindow.graphql.hall.types import DepartmentType
from onewindow.tenants.catalog import models
from onewindow.tenants.catalog.search import search_items
from onewindow.tenants.hall.models import Department


class PublicCatalogQueries(graphene.ObjectType):
    guide_items = ConnectionField(
        ServiceItemType,
        department=graphene.String(),
        search=graphene.String(description="按名称、编码或拼音首字母查找"),
        description="办事指南：本县公开的事项目录（无需登录）",
    )
    guide_item = graphene.Field(
        ServiceItemType, code=graphene.String(required=True), description="一个事项的办事指南（无需登录）"
    )
    guide_departments = graphene.List(
        graphene.NonNull(DepartmentType), required=True, description="有公开事项的进驻部门"
    )

    @staticmethod
    def _items() -> QuerySet[models.ServiceItem]:
        return models.ServiceItem.objects.live().select_related("department").prefetch_related("materials")

    @staticmethod
    def resolve_guide_items(
        root: Any, info: Any, department: str | None = None, search: str | None = None, **_: Any
    ) -> QuerySet[models.ServiceItem]:
        items = PublicCatalogQueries._items()
        if department:
            items = items.filter(department__code=department)
        if search:
            items = search_items(items, search)
        return items.order_by("department__position", "position", "code")

    @staticmethod
    def resolve_guide_item(root: Any, info: Any, code: str) -> models.ServiceItem | None:
        return PublicCatalogQueries._items().filter(code=code).first()

    @staticmethod
    def resolve_guide_departments(root: Any, info: Any) -> list[Department]:
        return list(
            Department.objects.live().filter(items__retired_at__isnull=True).distinct().order_by("position")
        )
