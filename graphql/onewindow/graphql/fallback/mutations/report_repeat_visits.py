from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.fallback import services


class ReportRepeatVisits(BaseMutation):
    """一次能办的事让群众跑了 N 次：记入考核事件；按县配置移交纪委监委（通许 004 第十六条）。"""

    class Arguments:
        subject = graphene.String(required=True, description="办件编号或事项")
        visits = graphene.Int(required=True)
        note = graphene.String(required=True)

    reported = graphene.Boolean()

    class Meta:
        permission = Perm.WORK_ORDERS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ReportRepeatVisits:
        services.report_repeat_visits(
            data["subject"], visits=data["visits"], note=data["note"], actor=ctx.user
        )
        return cls(reported=True)
