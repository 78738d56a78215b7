from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.fallback.types import FallbackCaseType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.fallback import services


class RegisterFallbackFromHotline(BaseMutation):
    """由 12345 工单登记办不成事：基本情况、反映人取自工单，办不成事与工单关联（工单处理人可用）。"""

    class Arguments:
        number = graphene.String(required=True, description="12345 工单编号")
        summary = graphene.String(description="基本情况（默认：工单标题与诉求内容）")
        departments = graphene.List(graphene.NonNull(graphene.String), description="涉及部门")

    case = graphene.Field(FallbackCaseType)

    class Meta:
        permission = Perm.HOTLINE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RegisterFallbackFromHotline:
        case = services.register_fallback(
            channel="hotline",
            summary=data.get("summary") or "",
            applicant_name="",
            departments=data.get("departments") or [],
            hotline_order=data["number"],
            actor=ctx.user,
        )
        return cls(case=case)
