from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.counties.types import CountyStatusEnum, PlatformCountyType
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.counties.services import set_county_status


class SetCountyStatus(BaseMutation):
    """暂停或恢复一个县：暂停后该县的接口返回 COUNTY_SUSPENDED，定时任务也不再为它运行。"""

    class Arguments:
        code = graphene.String(required=True)
        status = CountyStatusEnum(required=True)

    county = graphene.Field(PlatformCountyType)

    class Meta:
        permission = Perm.PLATFORM_ONBOARD_COUNTY

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> SetCountyStatus:
        status = data["status"]
        value = getattr(status, "value", status)
        return cls(county=set_county_status(data["code"], value, actor=ctx.user))
