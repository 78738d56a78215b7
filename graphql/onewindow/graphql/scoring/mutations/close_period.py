from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.scoring.types import PeriodType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.scoring import services


class ClosePeriod(BaseMutation):
    """结算考核期：计分、排名；postDays 给出则公示（乌审旗至少 3 个工作日）。"""

    class Arguments:
        period = graphene.ID(required=True)
        post_days = graphene.Int(description="公示的工作日数；不公示则直接定稿")
        early = graphene.Boolean(default_value=False, description="提前结算：考核期尚未结束也结算")

    result = graphene.Field(PeriodType)

    class Meta:
        permission = Perm.SCORING

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ClosePeriod:
        period = decode_id(data["period"], "AssessmentPeriod", field="period")
        return cls(
            result=services.close_period(
                period,
                actor=ctx.user,
                post_days=data.get("post_days"),
                early=bool(data.get("early")),
            )
        )
