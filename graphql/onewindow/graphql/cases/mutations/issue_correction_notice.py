from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.cases.services import issue_correction_notice


class NoticeEntryInput(graphene.InputObjectType):
    code = graphene.String(required=True, description="材料编码")
    problem = graphene.String(description="问题（默认：缺少/不规范）")
    fix = graphene.String(required=True, description="如何补正")


class IssueCorrectionNotice(BaseMutation):
    """一次性告知：一张告知书列明全部缺少或不规范的材料及补正方法；漏列则拒绝。"""

    class Arguments:
        number = graphene.String(required=True)
        version = graphene.Int(required=True, description="看到的版本号；办件已被他人修改时拒绝")
        entries = graphene.List(graphene.NonNull(NoticeEntryInput), required=True)

    case = graphene.Field(CaseType)
    notice_number = graphene.String()

    class Meta:
        permission = Perm.CASE_INTAKE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> IssueCorrectionNotice:
        notice = issue_correction_notice(
            data["number"],
            version=data["version"],
            entries=[dict(e) for e in data["entries"]],
            actor=ctx.user,
        )
        return cls(case=notice.case, notice_number=notice.number)
