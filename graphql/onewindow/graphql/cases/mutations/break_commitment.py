from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CommitmentType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.cases.services import break_commitment


class BreakCommitment(BaseMutation):
    """登记承诺未履行（申请人声明或核查不实）；逾期未履行的由系统自动登记。"""

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(required=True)

    commitment = graphene.Field(CommitmentType)

    class Meta:
        permission = Perm.CASE_INTAKE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> BreakCommitment:
        pk = decode_id(data["id"], "Commitment", field="id")
        return cls(commitment=break_commitment(pk, reason=data["reason"], actor=ctx.user))
