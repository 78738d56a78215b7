from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.scoring.types import ObjectionType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.scoring import services


class DecideObjection(BaseMutation):
    """处理异议：成立时可撤销考核记录，公示结果随之重算。"""

    class Arguments:
        objection = graphene.ID(required=True)
        upheld = graphene.Boolean(required=True)
        decision = graphene.String(required=True)
        withdraw = graphene.List(graphene.NonNull(graphene.ID), description="撤销的考核记录")

    result = graphene.Field(ObjectionType)

    class Meta:
        permission = Perm.SCORING

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> DecideObjection:
        objection = services.decide_objection(
            int(data["objection"]),
            upheld=data["upheld"],
            decision=data["decision"],
            withdraw=[int(i) for i in data.get("withdraw") or []],
            actor=ctx.user,
        )
        return cls(result=objection)
