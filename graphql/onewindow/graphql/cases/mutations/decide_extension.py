from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.cases.services import decide_extension


class DecideExtension(BaseMutation):
    """中心负责人批准或驳回延期申请。"""

    class Arguments:
        id = graphene.ID(required=True)
        approve = graphene.Boolean(required=True)

    case = graphene.Field(CaseType)

    class Meta:
        permission = Perm.CASE_MANAGE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> DecideExtension:
        pk = decode_id(data["id"], "Extension", field="id")
        extension = decide_extension(
            pk,
            approve=data["approve"],
            actor=ctx.user,
            roles=ctx.roles,
        )
        return cls(case=extension.case)
