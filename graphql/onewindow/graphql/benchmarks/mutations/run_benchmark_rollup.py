from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.onboarding.rollups import request_rollups


class RunBenchmarkRollup(BaseMutation):
    """立即汇总：为各县（或所给的县）排队一次汇总；默认只重算有变化的日子，full 为全部重算。"""

    class Arguments:
        full = graphene.Boolean(default_value=False)
        codes = graphene.List(
            graphene.NonNull(graphene.String), description="只汇总这些县；默认全部运行中的县"
        )

    queued = graphene.Int(description="排队的县数")

    class Meta:
        permission = Perm.PLATFORM_MANAGE_POLICY

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RunBenchmarkRollup:
        return cls(
            queued=request_rollups(full=bool(data.get("full")), codes=data.get("codes"), actor=ctx.user)
        )
