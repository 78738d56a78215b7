from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.onboarding.services import first_admin_password


class IssueCountyAdminPassword(BaseMutation):
    """为开通任务的第一位县级管理员生成临时密码（只显示这一次）。只在该账号首次登录前可用；
    之后由其本人修改，或在该县的人员与权限中重置。"""

    class Arguments:
        job = graphene.ID(required=True, description="开通任务")

    username = graphene.String()
    temporary_password = graphene.String()

    class Meta:
        permission = Perm.PLATFORM_ONBOARD_COUNTY

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> IssueCountyAdminPassword:
        username, secret = first_admin_password(
            decode_id(data["job"], "OnboardingJob", field="job"), actor=ctx.user
        )
        return cls(username=username, temporary_password=secret)
