from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.assistance.types import AssistanceComplaintType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.assistance.services import file_assistance_complaint


class FileAssistanceComplaint(BaseMutation):
    """登记帮办代办投诉：在政策包规定的工作日内（乌审旗 3 个）调查并答复投诉人。"""

    class Arguments:
        complainant_name = graphene.String(required=True)
        complainant_phone = graphene.String()
        agent = graphene.String(description="被投诉的帮办代办员（填了委托编号可省略）")
        content = graphene.String(required=True)
        case_number = graphene.String()
        request = graphene.String(description="所投诉的帮办代办委托编号")

    complaint = graphene.Field(AssistanceComplaintType)

    class Meta:
        permission = Perm.CASE_INTAKE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> FileAssistanceComplaint:
        complaint = file_assistance_complaint(
            complainant_name=data["complainant_name"],
            complainant_phone=data.get("complainant_phone") or "",
            agent=data.get("agent") or "",
            content=data["content"],
            case_number=data.get("case_number") or "",
            request=data.get("request") or "",
            actor=ctx.user,
        )
        return cls(complaint=complaint)
