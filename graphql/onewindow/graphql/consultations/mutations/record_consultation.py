from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.consultations.types import ConsultationType
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.consultations.services import record_consultation


class RecordConsultation(BaseMutation):
    """首问登记：被首先询问的工作人员成为此咨询的责任人。"""

    class Arguments:
        topic = graphene.String(required=True, description="咨询事项")
        channel = graphene.String(required=True, description="guide_desk / window / phone")
        staff = graphene.String(description="首问工作人员编号（默认：本账号在名册上的工作人员）")
        window = graphene.String()
        visit_ref = graphene.String(description="号票（如 A012-20261121）")
        applicant_name = graphene.String()

    consultation = graphene.Field(ConsultationType)

    class Meta:
        permission = Perm.FIRST_ASKED

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RecordConsultation:
        return cls(
            consultation=record_consultation(
                topic=data["topic"],
                channel=data["channel"],
                staff=data.get("staff"),
                window=data.get("window"),
                visit_ref=data.get("visit_ref") or "",
                applicant_name=data.get("applicant_name") or "",
                actor=ctx.user,
            )
        )
