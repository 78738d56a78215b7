from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.permissions import require
from onewindow.graphql.policy.settings import output_type
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.assistance.selectors import assistance_settings
from onewindow.tenants.catalogchanges.policy import CATALOG_CHANGES
from onewindow.tenants.documents.policy import DOCUMENTS
from onewindow.tenants.fallback.policy import FALLBACK
from onewindow.tenants.hall.policy import HALL
from onewindow.tenants.reviews.policy import REVIEWS


class SettingsQueries(graphene.ObjectType):
    review_settings = graphene.Field(output_type(REVIEWS.spec), required=True, description="好差评设置")
    fallback_settings = graphene.Field(
        output_type(FALLBACK.spec), required=True, description="办不成事：层级、负责单位与时限"
    )
    catalog_change_settings = graphene.Field(
        output_type(CATALOG_CHANGES.spec),
        required=True,
        description="事项目录调整的报送与调整时限（工作日）；为空：该县未设时限，不计时",
    )
    assistance_complaint_within_days = graphene.Int(
        description="帮办代办投诉调查处理时限（工作日，乌审旗 003 附件2 第六条）；为空：该县未设时限，不计时"
    )
    hall_settings = graphene.Field(
        output_type(HALL.spec),
        required=True,
        description="大厅规则：进驻不满 1 年的处理、窗口直接出件的办件类型",
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

    def resolve_hall_settings(root: Any, info: Any) -> Any:
        return HALL.export()

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_assistance_complaint_within_days(root: Any, info: Any) -> int | None:
        return assistance_settings().complaint_within_days
