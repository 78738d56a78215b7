from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.assistance import services


class RecordSiteInspection(BaseMutation):
    """“8个统一”检查登记（办公设备、办事指南、制度机制）：是否达标、依据、检查日期。"""

    class Arguments:
        site = graphene.String(required=True)
        criterion = graphene.String(required=True, description="equipment / guide / rules")
        met = graphene.Boolean(required=True)
        evidence = graphene.String(required=True)
        checked_on = graphene.Date(required=True)

    ok = graphene.Boolean()

    class Meta:
        permission = Perm.WORK_ORDERS

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RecordSiteInspection:
        services.record_inspection(
            site=data["site"],
            criterion=data["criterion"],
            met=data["met"],
            evidence=data["evidence"],
            checked_on=data["checked_on"],
            actor=ctx.user,
        )
        return cls(ok=True)
