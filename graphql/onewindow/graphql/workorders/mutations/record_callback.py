from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.workorders.types import WorkOrderType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.workorders.services import record_callback


class RecordCallback(BaseMutation):
    """回访核实：登记回访情况与是否属实。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True)
        note = graphene.String(required=True)
        verified = graphene.Boolean(required=True, description="经核实是否属实")

    order = graphene.Field(WorkOrderType)

    class Meta:
        permission = Perm.WORK_ORDERS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RecordCallback:
        return cls(
            order=record_callback(
                data["number"],
                version=data["version"],
                note=data["note"],
                verified=data["verified"],
                actor=ctx.user,
            )
        )
