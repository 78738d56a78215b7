from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id, decode_ids
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
        objection_id = decode_id(data["objection"], "Objection", field="objection")
        objection = services.decide_objection(
            objection_id,
            upheld=data["upheld"],
            decision=data["decision"],
            withdraw=decode_ids(data.get("withdraw") or [], "Incident", field="withdraw"),
            actor=ctx.user,
        )
        return cls(result=objection)
