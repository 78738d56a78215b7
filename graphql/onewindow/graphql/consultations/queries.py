from __future__ import annotations

from typing import Any

import graphene
from django.db.models import QuerySet

from onewindow.graphql.consultations.types import ConsultationStatusEnum, ConsultationType
from onewindow.graphql.core.connections import ConnectionField
from onewindow.graphql.core.permissions import require
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.consultations.models import Consultation
from onewindow.tenants.consultations.selectors import consultation_by_number, consultation_list


class ConsultationQueries(graphene.ObjectType):
    consultations = ConnectionField(
        ConsultationType,
        status=ConsultationStatusEnum(),
        description="咨询（首问负责，最新在前）",
        required=True,
    )
    consultation = graphene.Field(ConsultationType, number=graphene.String(required=True))

    @staticmethod
    @require(Perm.FIRST_ASKED)
    def resolve_consultations(root: Any, info: Any, status: Any = None, **_: Any) -> QuerySet[Consultation]:
        return consultation_list(getattr(status, "value", status))

    @staticmethod
    @require(Perm.FIRST_ASKED)
    def resolve_consultation(root: Any, info: Any, number: str) -> Consultation | None:
        return consultation_by_number(number)
