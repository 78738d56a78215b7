from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.reviews.services import submit_visit_review


class SubmitVisitReview(BaseMutation):
    """现场“一次一评”：窗口评价器为一次咨询服务提交评价（无办件）。"""

    class Arguments:
        visit_ref = graphene.String(required=True, description="本次服务编号，如叫号票号 A012-20261121")
        window = graphene.String()
        level = graphene.Int(required=True)
        channel = graphene.String(required=True)
        tags = graphene.List(graphene.NonNull(graphene.String))
        text = graphene.String()

    reviewed = graphene.Boolean()

    class Meta:
        permission = Perm.COUNTY_VIEW

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> SubmitVisitReview:
        submit_visit_review(
            data["visit_ref"],
            window=data.get("window"),
            level=data["level"],
            channel=data["channel"],
            tags=data.get("tags") or [],
            text=data.get("text") or "",
            actor=ctx.user,
        )
        return cls(reviewed=True)
