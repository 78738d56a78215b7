"""Platform API: the provincial standard catalog (省级标准目录) and the national 一件事 list."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Q, QuerySet

from onewindow.graphql.core.connections import ListConnectionField, connection_of
from onewindow.graphql.core.loaders import batched, page_of
from onewindow.graphql.core.permissions import require
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.catalog.models import ItemType, NationalBundle, ProvincialItem
from onewindow.platform.counties.models import County
from onewindow.platform.onboarding.overview import claiming_counties

ItemTypeEnum = graphene.Enum.from_enum(ItemType, description="事项类型（八类）")


class ClaimingCountyType(graphene.ObjectType):
    class Meta:
        name = "ClaimingCounty"

    code = graphene.String(required=True)
    name = graphene.String(required=True)


class ProvincialItemType(graphene.ObjectType):
    """省级标准事项：全省统一的六要素，县认领后不得修改。"""

    class Meta:
        name = "ProvincialItem"

    province = graphene.String(required=True)
    code = graphene.String(required=True)
    name = graphene.String(required=True)
    item_type = ItemTypeEnum(required=True)
    competent_department = graphene.String(required=True, description="主管部门")
    implementing_body = graphene.String(required=True, description="实施主体")
    legal_basis = graphene.String(required=True, description="设定依据")
    claimed_by = graphene.List(
        graphene.NonNull(ClaimingCountyType), required=True, description="认领了此事项的县（按代码）"
    )

    @staticmethod
    def resolve_claimed_by(root: ProvincialItem, info: Any) -> list[County]:
        # One statement for the page: a UNION ALL over the province's county schemas.
        def load(pks: list[int]) -> dict[int, list[County]]:
            page = [p for p in page_of(root) if p.pk in set(pks)]
            counties = list(County.objects.counties().filter(province__in={p.province for p in page}))
            claimed = claiming_counties([p.code for p in page], counties)
            return {p.pk: [c for c in claimed[p.code] if c.province == p.province] for p in page}

        return batched(root, "_claimed_by", load, [])


class NationalBundleType(graphene.ObjectType):
    """国家“高效办成一件事”重点事项清单中的一项。"""

    class Meta:
        name = "NationalBundle"

    code = graphene.String(required=True)
    batch = graphene.String(required=True, description="批次")
    name = graphene.String(required=True)
    lead_department = graphene.String(required=True, description="牵头部门")
    supporting_departments = graphene.List(graphene.NonNull(graphene.String), required=True)


class PlatformCatalogQueries(graphene.ObjectType):
    provincial_items = ListConnectionField(
        connection_of(ProvincialItemType, "ProvincialItem"),
        required=True,
        province=graphene.String(description="省份；默认全部"),
        search=graphene.String(description="按编码或名称查找"),
        description="省级标准目录（按省份、编码）",
    )
    provinces = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="有标准目录的省份"
    )
    national_bundles = graphene.List(
        graphene.NonNull(NationalBundleType), required=True, description="国家一件事清单（按编码）"
    )

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_provincial_items(
        root: Any, info: Any, province: str | None = None, search: str | None = None, **_: Any
    ) -> QuerySet[ProvincialItem]:
        qs = ProvincialItem.objects.order_by("province", "code")
        if province:
            qs = qs.filter(province=province)
        if search and search.strip():
            qs = qs.filter(Q(code__icontains=search.strip()) | Q(name__contains=search.strip()))
        return qs

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_provinces(root: Any, info: Any) -> list[str]:
        return list(ProvincialItem.objects.order_by("province").values_list("province", flat=True).distinct())

    @staticmethod
    @require(Perm.PLATFORM_VIEW_COUNTIES)
    def resolve_national_bundles(root: Any, info: Any) -> QuerySet[NationalBundle]:
        return NationalBundle.objects.order_by("code")
