from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.throttle import client_address
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.cases.links import guarded_case_from_token
from onewindow.tenants.workorders.services import follow_up_rating


class SubmitFollowUpRating(BaseMutation):
    """整改后评价人凭回执链接追评一次（无需登录）。"""

    class Arguments:
        token = graphene.String(required=True)
        level = graphene.Int(required=True)

    archived = graphene.Boolean()

    class Meta:
        permission = None  # the signed link is the credential

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> SubmitFollowUpRating:
        case = guarded_case_from_token(
            data["token"], county=str(getattr(ctx.county, "code", "")), address=client_address(ctx.request)
        )
        order = getattr(getattr(case, "review", None), "work_order", None)
        if order is None:
            raise BusinessError("NOTHING_TO_FOLLOW_UP", "此办件没有整改工单", field="token")
        follow_up_rating(order.pk, level=data["level"])
        return cls(archived=True)
