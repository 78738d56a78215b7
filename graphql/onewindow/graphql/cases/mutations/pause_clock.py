from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.cases.services import pause_clock


class PauseClock(BaseMutation):
    """暂停计时：受理后补正，或听证、检验检测、专家评审、现场勘验。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True, description="看到的版本号；办件已被他人修改时拒绝")
        kind = graphene.String(
            required=True, description="correction / hearing / testing / expert_review / site_inspection"
        )
        reason = graphene.String()

    case = graphene.Field(CaseType)

    class Meta:
        permission = Perm.CASE_PROCESS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> PauseClock:
        case = pause_clock(
            data["number"],
            version=data["version"],
            kind=data["kind"],
            reason=data.get("reason") or "",
            actor=ctx.user,
        )
        return cls(case=case)
