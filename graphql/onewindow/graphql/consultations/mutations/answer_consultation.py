from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.consultations.types import ConsultationType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.consultations.services import answer_consultation


class AnswerConsultation(BaseMutation):
    """答复：当前责任人答复咨询。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True)
        answer = graphene.String(required=True)

    consultation = graphene.Field(ConsultationType)

    class Meta:
        permission = Perm.FIRST_ASKED

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> AnswerConsultation:
        return cls(
            consultation=answer_consultation(
                data["number"], version=data["version"], answer=data["answer"], actor=ctx.user
            )
        )
