"""The applicant's side, reached by the signed link on the receipt: status and 好差评."""

from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseStatusEnum
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.tenants.cases.links import case_from_token
from onewindow.tenants.cases.models import Case
from onewindow.tenants.reviews.services import submit_review


class PublicCase(graphene.ObjectType):
    """What the applicant sees: no personal data, no staff names."""

    number = graphene.String(required=True)
    item_name = graphene.String(required=True)
    status = CaseStatusEnum(required=True)
    due_on = graphene.Date()
    reviewed = graphene.Boolean(required=True)

    @staticmethod
    def resolve_item_name(root: Case, info: Any) -> str:
        return root.item.name if root.item else root.bundle.name if root.bundle else ""

    @staticmethod
    def resolve_reviewed(root: Case, info: Any) -> bool:
        return hasattr(root, "review")


class PublicQueries(graphene.ObjectType):
    public_case = graphene.Field(
        PublicCase,
        token=graphene.String(required=True),
        description="申请人凭回执二维码查询办件进度（无需登录）",
    )

    @staticmethod
    def resolve_public_case(root: Any, info: Any, token: str) -> Case:
        return case_from_token(token)


class SubmitReview(BaseMutation):
    """好差评：申请人凭回执链接评价，每件一次；1–2 分为差评。"""

    class Arguments:
        token = graphene.String(required=True)
        level = graphene.Int(required=True, description="5 非常满意 … 1 非常不满意")
        channel = graphene.String(
            required=True, description="device / qr / sms / web / app / kiosk / hotline / paper"
        )
        tags = graphene.List(graphene.NonNull(graphene.String))
        text = graphene.String()

    reviewed = graphene.Boolean()

    class Meta:
        permission = None  # the signed link is the credential

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> SubmitReview:
        case = case_from_token(data["token"])
        submit_review(
            case.number,
            level=data["level"],
            channel=data["channel"],
            tags=data.get("tags") or [],
            text=data.get("text") or "",
            actor=None,
        )
        return cls(reviewed=True)
