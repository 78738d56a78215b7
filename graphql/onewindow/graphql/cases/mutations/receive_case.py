from __future__ import annotations

from functools import partial
from typing import Any

import graphene

from onewindow.graphql.cases.types import CaseType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.assistance.services import receive_case_for_request
from onewindow.tenants.cases import services
from onewindow.tenants.cases.services import receive_case
from onewindow.tenants.queueing.services import receive_case_for_ticket


class ApplicantInput(graphene.InputObjectType):
    kind = graphene.String(required=True, description="person / enterprise")
    name = graphene.String(required=True)
    id_number = graphene.String(required=True, description="身份证号或统一社会信用代码")
    phone = graphene.String()


class IrregularInput(graphene.InputObjectType):
    code = graphene.String(required=True)
    note = graphene.String(required=True)


class ReceiveCase(BaseMutation):
    """收件：登记申请人和申请事项（或一件事），按材料清单核对材料。免提交材料自动豁免。"""

    class Arguments:
        applicant = ApplicantInput(required=True)
        item = graphene.String(description="事项编码")
        bundle = graphene.String(description="或一件事编码")
        channel = graphene.String(
            required=True, description="window / online / self_service / assisted / mail"
        )
        window = graphene.String(description="收件窗口（窗口收件必填）")
        provided = graphene.List(
            graphene.NonNull(graphene.String), required=True, description="已提交的材料编码"
        )
        irregular = graphene.List(graphene.NonNull(IrregularInput), description="不规范的材料及原因")
        failed_review_points = graphene.List(
            graphene.NonNull(IrregularInput), description="不符合的审查要点（code 为 rp1、rp2…）及原因"
        )
        idempotency_key = graphene.String(description="同一申请重复提交时拒绝（终端、网上提交请填写）")
        ticket = graphene.ID(description="叫到的号票：办件记下号票，号票办结（窗口默认取号票所在窗口）")
        assistance_request = graphene.String(
            description="帮办代办委托编号：已移交至县级中心的委托在此收件，渠道为帮办代办，委托记下办件"
        )

    case = graphene.Field(CaseType)

    class Meta:
        permission = Perm.CASE_INTAKE

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ReceiveCase:
        a = data["applicant"]
        applicant = services.ApplicantInput(
            kind=a["kind"], name=a["name"], id_number=a["id_number"], phone=a.get("phone") or ""
        )
        receive: Any = receive_case
        if data.get("ticket"):
            pk = decode_id(data["ticket"], "Ticket", field="ticket")
            receive = partial(receive_case_for_ticket, pk)
        elif data.get("assistance_request"):
            receive = partial(receive_case_for_request, data["assistance_request"])
        case = receive(
            applicant=applicant,
            item=data.get("item"),
            bundle=data.get("bundle"),
            channel=data["channel"],
            window=data.get("window"),
            provided=data["provided"],
            irregular={i["code"]: i["note"] for i in data.get("irregular") or []},
            failed_review_points={i["code"]: i["note"] for i in data.get("failed_review_points") or []},
            idempotency_key=data.get("idempotency_key"),
            actor=ctx.user,
        )
        return cls(case=case)
