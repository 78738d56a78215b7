from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.cases.services import request_extension


class RequestExtension(BaseMutation):
    """申请延期（工作日），须中心负责人批准。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True, description="看到的版本号；办件已被他人修改时拒绝")
        days = graphene.Int(required=True)
        reason = graphene.String(required=True)

    case = graphene.Field(CaseType)
    extension_id = graphene.ID()

    class Meta:
        permission = Perm.CASE_PROCESS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RequestExtension:
        extension = request_extension(
            data["number"], version=data["version"], days=data["days"], reason=data["reason"], actor=ctx.user
        )
        return cls(case=extension.case, extension_id=extension.pk)
