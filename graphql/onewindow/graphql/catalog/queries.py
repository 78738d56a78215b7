from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Prefetch, QuerySet

from onewindow.graphql.catalog.types import (
    BundleType,
    DriftType,
    ItemKindEnum,
    ServiceItemType,
)
from onewindow.graphql.core.connections import ConnectionField
from onewindow.graphql.core.context import api_context
from onewindow.graphql.core.permissions import require
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.catalog import models
from onewindow.tenants.catalog.search import search_items
from onewindow.tenants.catalog.selectors import Drift, catalog_drift


class CatalogQueries(graphene.ObjectType):
    service_items = ConnectionField(
        ServiceItemType,
        department=graphene.String(),
        kind=ItemKindEnum(),
        search=graphene.String(description="按名称、编码或名称的拼音首字母查找"),
        description="本县事项目录",
    )
    service_item = graphene.Field(ServiceItemType, code=graphene.String(required=True))
    bundles = graphene.List(graphene.NonNull(BundleType), required=True, description="一件事")
    catalog_drift = graphene.List(
        graphene.NonNull(DriftType), required=True, description="认领事项与省级目录不一致之处"
    )

    @staticmethod
    def _items() -> QuerySet[models.ServiceItem]:
        return models.ServiceItem.objects.live().select_related("department").prefetch_related("materials")

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_service_items(
        root: Any,
        info: Any,
        department: str | None = None,
        kind: Any = None,
        search: str | None = None,
        **_: Any,
    ) -> QuerySet[models.ServiceItem]:
        qs = CatalogQueries._items()
        if department:
            qs = qs.filter(department__code=department)
        if kind is not None:
            qs = qs.filter(kind=getattr(kind, "value", kind))
        if search:
            qs = search_items(qs, search)
        return qs.order_by("position", "code")

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_service_item(root: Any, info: Any, code: str) -> models.ServiceItem | None:
        return CatalogQueries._items().filter(code=code).first()

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_bundles(root: Any, info: Any) -> list[models.Bundle]:
        items = models.ServiceItem.objects.select_related("department").prefetch_related("materials")
        return list(
            models.Bundle.objects.live()
            .select_related("lead_department")
            .prefetch_related("co_departments", Prefetch("items", queryset=items))
        )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_catalog_drift(root: Any, info: Any) -> list[Drift]:
        county = api_context(info).county
        return catalog_drift(county.province if county else "")
