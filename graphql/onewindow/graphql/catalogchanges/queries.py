from __future__ import annotations

from typing import Any

import graphene
from django.db.models import QuerySet

from onewindow.graphql.catalogchanges.types import CatalogChangeRequestType
from onewindow.graphql.core.connections import ConnectionField
from onewindow.graphql.core.permissions import require
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.catalogchanges.models import CatalogChangeRequest
from onewindow.tenants.catalogchanges.selectors import change_requests


class CatalogChangeQueries(graphene.ObjectType):
    catalog_change_requests = ConnectionField(
        CatalogChangeRequestType,
        open_only=graphene.Boolean(default_value=False, description="只看未完成的"),
        description="事项目录调整（最早应完成在前）",
        required=True,
    )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_catalog_change_requests(
        root: Any, info: Any, open_only: bool = False, **_: Any
    ) -> QuerySet[CatalogChangeRequest]:
        return change_requests(open_only=open_only)
