from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.workorders.types import AssistanceComplaintType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.workorders.services import file_assistance_complaint


class FileAssistanceComplaint(BaseMutation):
    """登记帮办代办投诉：3 个工作日内调查并答复投诉人。"""

    class Arguments:
        complainant_name = graphene.String(required=True)
        complainant_phone = graphene.String()
        agent = graphene.String(required=True, description="被投诉的帮办代办员")
        content = graphene.String(required=True)
        case_number = graphene.String()

    complaint = graphene.Field(AssistanceComplaintType)

    class Meta:
        permission = Perm.CASE_INTAKE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> FileAssistanceComplaint:
        complaint = file_assistance_complaint(
            complainant_name=data["complainant_name"],
            complainant_phone=data.get("complainant_phone") or "",
            agent=data["agent"],
            content=data["content"],
            case_number=data.get("case_number") or "",
            actor=ctx.user,
        )
        return cls(complaint=complaint)
