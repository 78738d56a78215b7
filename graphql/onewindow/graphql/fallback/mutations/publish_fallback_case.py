from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.fallback.types import FallbackCaseType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.fallback import services


class PublishFallbackCase(BaseMutation):
    """把已销号的疑难事项写成案例发布（自动隐去电话、证件号与申请人姓名）。"""

    class Arguments:
        number = graphene.String(required=True)
        title = graphene.String(required=True)
        text = graphene.String(required=True)

    case = graphene.Field(FallbackCaseType)

    class Meta:
        permission = Perm.WORK_ORDERS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> PublishFallbackCase:
        return cls(
            case=services.publish_to_library(
                data["number"], title=data["title"], text=data["text"], actor=ctx.user
            )
        )
