from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.catalogchanges.types import CatalogChangeRequestType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.catalogchanges.services import report_catalog_change


class ReportCatalogChange(BaseMutation):
    """部门告知事项目录调整（法规立改废释等）；按本县日历计算告知与调整期限。"""

    class Arguments:
        department = graphene.String(required=True)
        summary = graphene.String(required=True)
        rule_published_on = graphene.Date(required=True, description="法律法规及文件公布日")
        item = graphene.String(description="涉及的事项编码（新增事项可空）")
        reported_on = graphene.Date(description="告知日，默认今天")

    request = graphene.Field(CatalogChangeRequestType)

    class Meta:
        permission = Perm.COUNTY_VIEW

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ReportCatalogChange:
        return cls(request=report_catalog_change(actor=ctx.user, **data))
