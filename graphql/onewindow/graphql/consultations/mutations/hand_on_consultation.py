from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.consultations.types import ConsultationType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.consultations.services import hand_on


class HandOnConsultation(BaseMutation):
    """移交：当前责任人把咨询移交给另一名工作人员，写明理由。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True)
        to = graphene.String(required=True, description="接手的工作人员编号")
        reason = graphene.String(required=True)

    consultation = graphene.Field(ConsultationType)

    class Meta:
        permission = Perm.FIRST_ASKED

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> HandOnConsultation:
        handover = hand_on(
            data["number"], version=data["version"], to=data["to"], reason=data["reason"], actor=ctx.user
        )
        return cls(consultation=handover.consultation)
