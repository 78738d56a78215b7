from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CommitmentType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.cases.services import fulfil_commitment


class FulfilCommitment(BaseMutation):
    """承诺已履行：登记容缺材料补齐（材料转为已提交）或告知承诺已兑现，督办随之结束。"""

    class Arguments:
        id = graphene.ID(required=True)
        note = graphene.String(description="说明（如：已补交原件）")

    commitment = graphene.Field(CommitmentType)

    class Meta:
        permission = Perm.CASE_INTAKE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> FulfilCommitment:
        pk = decode_id(data["id"], "Commitment", field="id")
        return cls(commitment=fulfil_commitment(pk, note=data.get("note") or "", actor=ctx.user))
