from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.hotline.types import HotlineOrderType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.hotline.services import record_handling


class RecordHotlineHandling(BaseMutation):
    """办理：登记办理情况，待答复。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True)
        handling = graphene.String(required=True, description="办理情况")

    order = graphene.Field(HotlineOrderType)

    class Meta:
        permission = Perm.HOTLINE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RecordHotlineHandling:
        return cls(
            order=record_handling(
                data["number"], version=data["version"], handling=data["handling"], actor=ctx.user
            )
        )
