from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.scoring.types import PeriodType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.scoring import services


class FinalizePeriod(BaseMutation):
    """公示期满且异议处理完毕后定稿。"""

    class Arguments:
        period = graphene.ID(required=True)

    result = graphene.Field(PeriodType)

    class Meta:
        permission = Perm.SCORING

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> FinalizePeriod:
        period = decode_id(data["period"], "AssessmentPeriod", field="period")
        return cls(result=services.finalize_period(period, actor=ctx.user))
