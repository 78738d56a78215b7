from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.scoring.types import PeriodType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.scoring import services


class OpenPeriod(BaseMutation):
    """开启考核期（按当时生效的细则版本计分）。"""

    class Arguments:
        rule_set = graphene.String(required=True)
        day = graphene.Date(required=True, description="考核期内任一天")

    result = graphene.Field(PeriodType)

    class Meta:
        permission = Perm.SCORING

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> OpenPeriod:
        return cls(result=services.open_period(data["rule_set"], data["day"], actor=ctx.user))
