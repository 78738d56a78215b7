from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.catalog.types import CatalogChangeRequestType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.catalog.services import mark_catalog_change_applied


class MarkCatalogChangeApplied(BaseMutation):
    """中心确认目录调整已到位（办事指南、流程图、审查细则同步修订）。"""

    class Arguments:
        id = graphene.ID(required=True)
        applied_on = graphene.Date(description="默认今天")

    request = graphene.Field(CatalogChangeRequestType)

    class Meta:
        permission = Perm.COUNTY_MANAGE_POLICY

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> MarkCatalogChangeApplied:
        pk = decode_id(data["id"], "CatalogChangeRequest", field="id")
        request = mark_catalog_change_applied(
            pk,
            applied_on=data.get("applied_on"),
            actor=ctx.user,
        )
        return cls(request=request)
