from __future__ import annotations

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from onewindow.graphql.cases.types import TimelineEvent, mask
from onewindow.graphql.core.connections import CountableConnection
from onewindow.graphql.core.loaders import batched, related
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.hotline.models import HotlineOrder, HotlineStatus, OrderKind, Satisfaction, Step
from onewindow.tenants.hotline.selectors import flagged_orders, is_overdue, order_timelines

HotlineStatusEnum = graphene.Enum.from_enum(HotlineStatus, description="12345 工单状态")
HotlineStepEnum = graphene.Enum.from_enum(Step, name="HotlineStep", description="12345 工单待办环节")
HotlineKindEnum = graphene.Enum.from_enum(OrderKind, name="HotlineKind", description="诉求类型")
SatisfactionEnum = graphene.Enum.from_enum(Satisfaction, name="HotlineSatisfaction", description="回访满意度")


class HotlineOrderType(DjangoObjectType):
    """12345 工单 (the caller's phone is shown masked)."""

    status = HotlineStatusEnum(required=True)
    kind = HotlineKindEnum(required=True)
    step = HotlineStepEnum(description="待办环节（办结后为空）")
    satisfaction = SatisfactionEnum()
    department_code = graphene.String()
    department_name = graphene.String()
    applicant_phone = graphene.String(required=True)
    overdue = graphene.Boolean(required=True, description="本环节已超期")
    flagged = graphene.Boolean(required=True, description="督办链已挂牌警示（本环节）")
    fallback_numbers = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="由此登记的办不成事"
    )
    timeline = graphene.List(graphene.NonNull(TimelineEvent), required=True)

    class Meta:
        model = HotlineOrder
        name = "HotlineOrder"
        use_connection = True
        connection_class = CountableConnection
        fields = (
            "number",
            "hotline_number",
            "title",
            "content",
            "applicant_name",
            "dispatched_at",
            "received_at",
            "platform_due_on",
            "step_due_on",
            "version",
            "signed_at",
            "signed_by",
            "return_reason",
            "handled_at",
            "handling",
            "replied_at",
            "reply",
            "reply_method",
            "visited_at",
            "visit_note",
            "reopened",
            "closed_at",
        )

    @staticmethod
    def resolve_step(root: HotlineOrder, info: Any) -> str | None:
        return root.step or None

    @staticmethod
    def resolve_satisfaction(root: HotlineOrder, info: Any) -> str | None:
        return root.satisfaction or None

    @staticmethod
    def resolve_department_code(root: HotlineOrder, info: Any) -> str | None:
        return root.department.code if root.department else None

    @staticmethod
    def resolve_department_name(root: HotlineOrder, info: Any) -> str | None:
        return root.department.name if root.department else None

    @staticmethod
    def resolve_applicant_phone(root: HotlineOrder, info: Any) -> str:
        return mask(root.applicant_phone)

    @staticmethod
    def resolve_overdue(root: HotlineOrder, info: Any) -> bool:
        return is_overdue(root)

    @staticmethod
    def resolve_flagged(root: HotlineOrder, info: Any) -> bool:
        flagged: bool = batched(root, "_flagged", flagged_orders, False)
        return flagged

    @staticmethod
    def resolve_fallback_numbers(root: HotlineOrder, info: Any) -> list[str]:
        return [case.number for case in related(root, "fallback_cases")]

    @staticmethod
    def resolve_timeline(root: HotlineOrder, info: Any) -> list[TimelineEvent]:
        events: list[AuditEvent] = batched(root, "_timeline", order_timelines, [])
        return [
            TimelineEvent(at=e.occurred_at, action=e.action, actor=e.actor_label, data=e.data) for e in events
        ]
