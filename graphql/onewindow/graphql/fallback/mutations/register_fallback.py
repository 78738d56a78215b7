from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.fallback.types import FallbackCaseType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.fallback import services


class RegisterFallback(BaseMutation):
    """受理登记：办不成事窗口、任一窗口或 12345 工单。"""

    class Arguments:
        channel = graphene.String(required=True, description="fallback_window / any_window / hotline")
        summary = graphene.String(required=True, description="基本情况")
        applicant_name = graphene.String(required=True)
        applicant_phone = graphene.String()
        departments = graphene.List(graphene.NonNull(graphene.String), description="涉及部门")
        window = graphene.String()
        hotline_ref = graphene.String(description="12345 工单号（未经接口接收的工单）")
        hotline_order = graphene.String(description="经接口接收的 12345 工单编号：办不成事与其关联")

    case = graphene.Field(FallbackCaseType)

    class Meta:
        permission = Perm.CASE_INTAKE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RegisterFallback:
        case = services.register_fallback(
            channel=data["channel"],
            summary=data["summary"],
            applicant_name=data["applicant_name"],
            applicant_phone=data.get("applicant_phone") or "",
            departments=data.get("departments") or [],
            window=data.get("window"),
            hotline_ref=data.get("hotline_ref") or "",
            hotline_order=data.get("hotline_order"),
            actor=ctx.user,
        )
        return cls(case=case)
