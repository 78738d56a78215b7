from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.fallback.types import FallbackCaseType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.fallback import services


class RecordApplicantOpinion(BaseMutation):
    """申请人意见：满意则销号；不满意则重新办理（nextTier 提交上一层级）。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True)
        satisfied = graphene.Boolean(required=True)
        feedback = graphene.String()
        next_tier = graphene.Boolean(description="不满意时提交上一层级")

    case = graphene.Field(FallbackCaseType)

    class Meta:
        permission = Perm.WORK_ORDERS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RecordApplicantOpinion:
        case = services.record_applicant_opinion(
            data["number"],
            version=data["version"],
            satisfied=data["satisfied"],
            feedback=data.get("feedback") or "",
            next_tier=bool(data.get("next_tier")),
            actor=ctx.user,
        )
        return cls(case=case)
