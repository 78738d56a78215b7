from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.cases.services import confirm_delivery


class ConfirmDelivery(BaseMutation):
    """出件登记：快递送达后确认。"""

    class Arguments:
        number = graphene.String(required=True)

    case = graphene.Field(CaseType)

    class Meta:
        permission = Perm.CASE_ISSUE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ConfirmDelivery:
        return cls(case=confirm_delivery(data["number"], actor=ctx.user))
