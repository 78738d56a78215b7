from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.queueing.types import DeskType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.queueing import selectors, services


class ResumeWindow(BaseMutation):
    """窗口恢复叫号。"""

    class Arguments:
        window = graphene.String(required=True)

    desk = graphene.Field(DeskType)

    class Meta:
        permission = Perm.QUEUE_CALL

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ResumeWindow:
        state = services.resume_window(data["window"], actor=ctx.user)
        return cls(desk=selectors.desk(state.window))
