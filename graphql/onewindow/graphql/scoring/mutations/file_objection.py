from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.ids import decode_id
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.scoring.types import ObjectionType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.scoring import services


class FileObjection(BaseMutation):
    """公示期内提出异议。"""

    class Arguments:
        period = graphene.ID(required=True)
        subject = graphene.String(required=True)
        text = graphene.String(required=True)

    result = graphene.Field(ObjectionType)

    class Meta:
        permission = Perm.COUNTY_VIEW

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> FileObjection:
        period = decode_id(data["period"], "AssessmentPeriod", field="period")
        return cls(
            result=services.file_objection(
                period,
                subject=data["subject"],
                text=data["text"],
                actor=ctx.user,
            )
        )
