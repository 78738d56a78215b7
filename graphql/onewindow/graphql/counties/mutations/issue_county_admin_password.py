from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.members import reset_member_password
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core.errors import NotFound
from onewindow.platform.counties.models import County


class IssueCountyAdminPassword(BaseMutation):
    """为新开通县的管理员生成临时密码（只显示这一次；首次登录后请其修改）。
    只适用于仅属于该县的账号。"""

    class Arguments:
        code = graphene.String(required=True, description="县的行政区划代码")
        username = graphene.String(required=True)

    temporary_password = graphene.String()

    class Meta:
        permission = Perm.PLATFORM_ONBOARD_COUNTY

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> IssueCountyAdminPassword:
        county = County.objects.counties().filter(code=data["code"]).first()
        if county is None:
            raise NotFound(f"县 {data['code']}", field="code")
        return cls(temporary_password=reset_member_password(data["username"], county=county, actor=ctx.user))
