from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.assistance.types import AssistanceComplaintType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.assistance.services import answer_assistance_complaint


class AnswerAssistanceComplaint(BaseMutation):
    """答复帮办代办投诉：调查结果反馈投诉人；属实的记入考核事件。"""

    class Arguments:
        number = graphene.String(required=True)
        finding = graphene.String(required=True)
        substantiated = graphene.Boolean(required=True)

    complaint = graphene.Field(AssistanceComplaintType)

    class Meta:
        permission = Perm.WORK_ORDERS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> AnswerAssistanceComplaint:
        complaint = answer_assistance_complaint(
            data["number"], finding=data["finding"], substantiated=data["substantiated"], actor=ctx.user
        )
        return cls(complaint=complaint)
