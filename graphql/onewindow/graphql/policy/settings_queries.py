from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.permissions import require
from onewindow.graphql.policy.settings import output_type
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.catalogchanges.policy import CATALOG_CHANGES
from onewindow.tenants.documents.policy import DOCUMENTS
from onewindow.tenants.fallback.policy import FALLBACK
from onewindow.tenants.reviews.policy import REVIEWS


class SettingsQueries(graphene.ObjectType):
    review_settings = graphene.Field(output_type(REVIEWS.spec), required=True, description="好差评设置")
    fallback_settings = graphene.Field(
        output_type(FALLBACK.spec), required=True, description="办不成事：层级、负责单位与时限"
    )
    catalog_change_settings = graphene.Field(
        output_type(CATALOG_CHANGES.spec), required=True, description="事项目录调整的报送与调整时限（工作日）"
    )
    document_settings = graphene.Field(
        output_type(DOCUMENTS.spec),
        required=True,
        description="文书：盖章单位、咨询电话、地址、结果送达方式，受理时是否短信发送回执链接",
    )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_review_settings(root: Any, info: Any) -> Any:
        return REVIEWS.export()

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_fallback_settings(root: Any, info: Any) -> Any:
        return FALLBACK.export()

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_catalog_change_settings(root: Any, info: Any) -> Any:
        return CATALOG_CHANGES.export()

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_document_settings(root: Any, info: Any) -> Any:
        return DOCUMENTS.export()
