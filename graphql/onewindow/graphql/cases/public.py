"""The applicant's side, reached by the signed link on the receipt: status and 好差评."""

from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseStatusEnum
from onewindow.graphql.core.context import ApiContext, api_context
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.throttle import client_address
from onewindow.tenants.cases.links import guarded_case_from_token
from onewindow.tenants.cases.lookup import guarded_status, may_be_reviewed, open_corrections
from onewindow.tenants.cases.models import Case
from onewindow.tenants.reviews.services import submit_review


def _caller(ctx: ApiContext) -> dict[str, str]:
    return {"county": str(getattr(ctx.county, "code", "")), "address": client_address(ctx.request)}


class PublicCorrection(graphene.ObjectType):
    """一次性告知书上的一项：缺少或不规范的材料及补正方法."""

    name = graphene.String(required=True)
    problem = graphene.String(required=True)
    fix = graphene.String(required=True)


class PublicCase(graphene.ObjectType):
    """What the applicant sees: no personal data, no staff names."""

    number = graphene.String(required=True)
    item_name = graphene.String(required=True)
    status = CaseStatusEnum(required=True)
    status_label = graphene.String(required=True, description="状态的中文说明")
    due_on = graphene.Date()
    reviewed = graphene.Boolean(required=True)
    corrections = graphene.List(
        graphene.NonNull(PublicCorrection), required=True, description="待补正时：需要补正的材料及方法"
    )
    can_review = graphene.Boolean(required=True, description="可以评价（已办结且尚未评价）")

    @staticmethod
    def resolve_status_label(root: Case, info: Any) -> str:
        return str(root.get_status_display())

    @staticmethod
    def resolve_corrections(root: Case, info: Any) -> list[dict[str, Any]]:
        return open_corrections(root)

    @staticmethod
    def resolve_can_review(root: Case, info: Any) -> bool:
        return may_be_reviewed(root) and not hasattr(root, "review")

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

    case_status = graphene.Field(
        PublicCase,
        number=graphene.String(required=True),
        phone_tail=graphene.String(required=True, description="申请人手机号后四位"),
        description="凭办件编号和手机号后四位查询进度（无需登录）；不匹配时为空",
    )

    @staticmethod
    def resolve_public_case(root: Any, info: Any, token: str) -> Case:
        return guarded_case_from_token(token, **_caller(api_context(info)))

    @staticmethod
    def resolve_case_status(root: Any, info: Any, number: str, phone_tail: str) -> Case | None:
        return guarded_status(number, phone_tail, **_caller(api_context(info)))


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
        case = guarded_case_from_token(data["token"], **_caller(ctx))
        submit_review(
            case.number,
            level=data["level"],
            channel=data["channel"],
            tags=data.get("tags") or [],
            text=data.get("text") or "",
            actor=None,
        )
        return cls(reviewed=True)
