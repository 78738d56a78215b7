from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.hotline.types import HotlineOrderType, SatisfactionEnum
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.hotline.services import record_visit


class RecordHotlineVisit(BaseMutation):
    """回访：满意或基本满意则办结；不满意则重办。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True)
        satisfaction = SatisfactionEnum(required=True)
        note = graphene.String()

    order = graphene.Field(HotlineOrderType)

    class Meta:
        permission = Perm.HOTLINE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RecordHotlineVisit:
        return cls(
            order=record_visit(
                data["number"],
                version=data["version"],
                satisfaction=getattr(data["satisfaction"], "value", data["satisfaction"]),
                note=data.get("note") or "",
                actor=ctx.user,
            )
        )
