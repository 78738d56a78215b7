from __future__ import annotations

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from onewindow.graphql.core.connections import CountableConnection
from onewindow.graphql.core.loaders import related
from onewindow.tenants.consultations.models import (
    Consultation,
    ConsultationChannel,
    ConsultationStatus,
    Handover,
)
from onewindow.tenants.hall.models import StaffMember

ConsultationStatusEnum = graphene.Enum.from_enum(ConsultationStatus, description="咨询状态")
ConsultationChannelEnum = graphene.Enum.from_enum(ConsultationChannel, description="咨询渠道")


class StaffRef(graphene.ObjectType):
    """A staff member of the roster, by code and name."""

    code = graphene.String(required=True)
    name = graphene.String(required=True)

    @staticmethod
    def of(member: StaffMember) -> StaffRef:
        return StaffRef(code=member.code, name=member.name)


class HandoverType(DjangoObjectType):
    """首问移交: from whom, to whom, why, when."""

    from_staff = graphene.Field(StaffRef, required=True)
    to_staff = graphene.Field(StaffRef, required=True)

    class Meta:
        model = Handover
        name = "ConsultationHandover"
        fields = ("reason", "handed_at", "recorded_by")

    @staticmethod
    def resolve_from_staff(root: Handover, info: Any) -> StaffRef:
        return StaffRef.of(root.from_staff)

    @staticmethod
    def resolve_to_staff(root: Handover, info: Any) -> StaffRef:
        return StaffRef.of(root.to_staff)


class ConsultationType(DjangoObjectType):
    """咨询（首问负责）: the first staff asked, who is responsible now, and every hand-on."""

    status = ConsultationStatusEnum(required=True)
    channel = ConsultationChannelEnum(required=True)
    window_code = graphene.String()
    first_asked = graphene.Field(StaffRef, required=True, description="首问责任人")
    responsible = graphene.Field(StaffRef, required=True, description="当前责任人")
    handovers = graphene.List(graphene.NonNull(HandoverType), required=True, description="移交记录（先后）")

    class Meta:
        model = Consultation
        name = "Consultation"
        use_connection = True
        connection_class = CountableConnection
        fields = (
            "number",
            "version",
            "asked_at",
            "visit_ref",
            "topic",
            "applicant_name",
            "answer",
            "answered_at",
        )

    @staticmethod
    def resolve_window_code(root: Consultation, info: Any) -> str | None:
        return root.window.code if root.window else None

    @staticmethod
    def resolve_first_asked(root: Consultation, info: Any) -> StaffRef:
        return StaffRef.of(root.first_asked)

    @staticmethod
    def resolve_responsible(root: Consultation, info: Any) -> StaffRef:
        return StaffRef.of(root.responsible)

    @staticmethod
    def resolve_handovers(root: Consultation, info: Any) -> list[Handover]:
        return related(
            root,
            "handovers",
            Handover.objects.select_related("from_staff", "to_staff").order_by("handed_at", "id"),
        )
