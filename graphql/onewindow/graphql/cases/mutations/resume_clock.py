from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.cases.services import resume_clock


class ResumeClock(BaseMutation):
    """恢复计时；暂停的日子不计入办理时限，到期日随之顺延。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True, description="看到的版本号；办件已被他人修改时拒绝")

    case = graphene.Field(CaseType)

    class Meta:
        permission = Perm.CASE_PROCESS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ResumeClock:
        return cls(case=resume_clock(data["number"], version=data["version"], actor=ctx.user))
