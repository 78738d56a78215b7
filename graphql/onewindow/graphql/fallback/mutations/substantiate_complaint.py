from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.fallback.types import FallbackCaseType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.fallback import services


class SubstantiateComplaint(BaseMutation):
    """投诉经核查属实：记入考核事件。"""

    class Arguments:
        number = graphene.String(required=True)
        finding = graphene.String(required=True)

    case = graphene.Field(FallbackCaseType)

    class Meta:
        permission = Perm.WORK_ORDERS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> SubstantiateComplaint:
        return cls(
            case=services.substantiate_complaint(data["number"], finding=data["finding"], actor=ctx.user)
        )
