"""帮办代办 types: requests with their steps and hand-overs, the network's compliance, the
ledger and the measures; the complaints (moved here from work orders)."""

from __future__ import annotations

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from onewindow.graphql.core.connections import CountableConnection
from onewindow.tenants.assistance.models import (
    AssistanceComplaint,
    AssistanceRequest,
    Handover,
    RequestStep,
)
from onewindow.tenants.assistance.selectors import Check, Measure, SiteCompliance
from onewindow.tenants.assistance.services import DELIVERY_METHODS, RATING_METHODS


class AssistanceComplaintType(DjangoObjectType):
    """帮办代办投诉 (the pack's working days, 3 in 乌审旗)."""

    request_number = graphene.String(description="所投诉的帮办代办委托")

    class Meta:
        model = AssistanceComplaint
        name = "AssistanceComplaint"
        use_connection = True
        connection_class = CountableConnection
        fields = (
            "number",
            "complainant_name",
            "agent",
            "case_number",
            "content",
            "received_on",
            "due_on",
            "finding",
            "substantiated",
            "replied_at",
        )

    @staticmethod
    def resolve_request_number(root: AssistanceComplaint, info: Any) -> str | None:
        return root.request.number if root.request_id else None  # type: ignore[union-attr]


class RequestStepType(graphene.ObjectType):
    class Meta:
        name = "AssistanceStep"

    kind = graphene.String(required=True)
    kind_label = graphene.String(required=True)
    at = graphene.DateTime(required=True)
    site_name = graphene.String(required=True)
    person = graphene.String(required=True)
    note = graphene.String(required=True)
    due_on = graphene.Date()
    on_time = graphene.Boolean()

    @staticmethod
    def resolve_kind_label(root: RequestStep, info: Any) -> str:
        return root.get_kind_display()

    @staticmethod
    def resolve_site_name(root: RequestStep, info: Any) -> str:
        return root.site.name


class HandoverType(graphene.ObjectType):
    class Meta:
        name = "AssistanceHandover"

    from_site = graphene.String(required=True)
    to_site = graphene.String(required=True)
    to_site_code = graphene.String(required=True)
    materials = graphene.List(graphene.NonNull(graphene.String), required=True)
    handed_at = graphene.DateTime(required=True)
    handed_by = graphene.String(required=True)
    due_on = graphene.Date()
    on_time = graphene.Boolean()
    acknowledged_at = graphene.DateTime()
    acknowledged_by = graphene.String(required=True)

    @staticmethod
    def resolve_from_site(root: Handover, info: Any) -> str:
        return root.from_site.name

    @staticmethod
    def resolve_to_site(root: Handover, info: Any) -> str:
        return root.to_site.name

    @staticmethod
    def resolve_to_site_code(root: Handover, info: Any) -> str:
        return root.to_site.code


class AssistanceRequestType(DjangoObjectType):
    """帮办代办委托 with its 委托书, steps and hand-overs."""

    site_code = graphene.String(required=True)
    site_name = graphene.String(required=True)
    site_level = graphene.String(required=True)
    current_site_code = graphene.String(required=True)
    current_site_name = graphene.String(required=True)
    current_site_level = graphene.String(required=True)
    next_site_name = graphene.String(description="移交的上一级场所；县级为空")
    agent_code = graphene.String(required=True)
    agent_name = graphene.String(required=True)
    status_label = graphene.String(required=True)
    item_codes = graphene.List(graphene.NonNull(graphene.String), required=True)
    item_names = graphene.List(graphene.NonNull(graphene.String), required=True)
    materials = graphene.List(graphene.NonNull(graphene.String), required=True)
    case_number = graphene.String()
    case_status = graphene.String()
    delivery_method_label = graphene.String(required=True)
    rating_method_label = graphene.String(required=True)
    steps = graphene.List(graphene.NonNull(RequestStepType), required=True)
    handovers = graphene.List(graphene.NonNull(HandoverType), required=True)
    pending_handover = graphene.Field(HandoverType, description="待接收的移交")

    class Meta:
        model = AssistanceRequest
        name = "AssistanceRequest"
        use_connection = True
        connection_class = CountableConnection
        fields = (
            "number",
            "applicant_name",
            "applicant_phone",
            "applicant_id_number",
            "at_home",
            "home_address",
            "scope",
            "consent",
            "status",
            "version",
            "taken_at",
            "step_due_on",
            "result_note",
            "delivered_at",
            "delivery_on_time",
            "rating",
            "rating_comment",
        )

    status = graphene.String(required=True)

    @staticmethod
    def resolve_site_code(root: AssistanceRequest, info: Any) -> str:
        return root.site.code

    @staticmethod
    def resolve_site_name(root: AssistanceRequest, info: Any) -> str:
        return root.site.name

    @staticmethod
    def resolve_site_level(root: AssistanceRequest, info: Any) -> str:
        return root.site.level

    @staticmethod
    def resolve_current_site_code(root: AssistanceRequest, info: Any) -> str:
        return root.current_site.code

    @staticmethod
    def resolve_current_site_name(root: AssistanceRequest, info: Any) -> str:
        return root.current_site.name

    @staticmethod
    def resolve_current_site_level(root: AssistanceRequest, info: Any) -> str:
        return root.current_site.level

    @staticmethod
    def resolve_next_site_name(root: AssistanceRequest, info: Any) -> str | None:
        parent = root.current_site.parent
        return parent.name if parent is not None and root.current_site.level != "county" else None

    @staticmethod
    def resolve_agent_code(root: AssistanceRequest, info: Any) -> str:
        return root.agent.code

    @staticmethod
    def resolve_agent_name(root: AssistanceRequest, info: Any) -> str:
        return root.agent.name

    @staticmethod
    def resolve_status_label(root: AssistanceRequest, info: Any) -> str:
        return root.get_status_display()

    @staticmethod
    def resolve_item_codes(root: AssistanceRequest, info: Any) -> list[str]:
        return [i.code for i in root.items.all()]

    @staticmethod
    def resolve_item_names(root: AssistanceRequest, info: Any) -> list[str]:
        return [i.name for i in root.items.all()]

    @staticmethod
    def resolve_materials(root: AssistanceRequest, info: Any) -> list[str]:
        return list(root.materials)

    @staticmethod
    def resolve_case_number(root: AssistanceRequest, info: Any) -> str | None:
        return root.case.number if root.case_id else None  # type: ignore[union-attr]

    @staticmethod
    def resolve_case_status(root: AssistanceRequest, info: Any) -> str | None:
        return root.case.get_status_display() if root.case_id else None  # type: ignore[union-attr]

    @staticmethod
    def resolve_delivery_method_label(root: AssistanceRequest, info: Any) -> str:
        return DELIVERY_METHODS.get(root.delivery_method, "")

    @staticmethod
    def resolve_rating_method_label(root: AssistanceRequest, info: Any) -> str:
        return RATING_METHODS.get(root.rating_method, "")

    @staticmethod
    def resolve_steps(root: AssistanceRequest, info: Any) -> list[RequestStep]:
        return list(root.steps.all())

    @staticmethod
    def resolve_handovers(root: AssistanceRequest, info: Any) -> list[Handover]:
        return list(root.handovers.all())

    @staticmethod
    def resolve_pending_handover(root: AssistanceRequest, info: Any) -> Handover | None:
        return next((h for h in root.handovers.all() if h.acknowledged_at is None), None)


class ComplianceCheckType(graphene.ObjectType):
    class Meta:
        name = "AssistanceCheck"

    criterion = graphene.String(required=True)
    label = graphene.String(required=True)
    met = graphene.Boolean(required=True)
    source = graphene.String(required=True, description="data（由数据判定）/ inspection（检查登记）")
    detail = graphene.String(required=True)
    checked_on = graphene.Date()

    @staticmethod
    def resolve_criterion(root: Check, info: Any) -> str:
        return str(root.criterion)


class SiteAgentType(graphene.ObjectType):
    class Meta:
        name = "AssistanceAgent"

    staff_code = graphene.String(required=True)
    name = graphene.String(required=True)
    kind = graphene.String(required=True)
    kind_label = graphene.String(required=True)

    @staticmethod
    def resolve_staff_code(root: Any, info: Any) -> str:
        return str(root.staff.code)

    @staticmethod
    def resolve_name(root: Any, info: Any) -> str:
        return str(root.staff.name)

    @staticmethod
    def resolve_kind_label(root: Any, info: Any) -> str:
        return str(root.get_kind_display())


class SiteItemType(graphene.ObjectType):
    class Meta:
        name = "AssistanceSiteItem"

    code = graphene.String(required=True)
    name = graphene.String(required=True)
    mode = graphene.String(required=True)
    mode_label = graphene.String(required=True)

    @staticmethod
    def resolve_code(root: Any, info: Any) -> str:
        return str(root.item.code)

    @staticmethod
    def resolve_name(root: Any, info: Any) -> str:
        return str(root.item.name)

    @staticmethod
    def resolve_mode_label(root: Any, info: Any) -> str:
        return str(root.get_mode_display())


class SiteComplianceType(graphene.ObjectType):
    """A site of the network: agents against the minimum, lists, the 8个统一."""

    class Meta:
        name = "AssistanceSite"

    code = graphene.String(required=True)
    name = graphene.String(required=True)
    level = graphene.String(required=True)
    required_agents = graphene.Int(required=True)
    short_of_agents = graphene.Int(required=True)
    met_count = graphene.Int(required=True)
    agents = graphene.List(graphene.NonNull(SiteAgentType), required=True)
    items = graphene.List(graphene.NonNull(SiteItemType), required=True)
    responsibilities = graphene.List(graphene.NonNull(graphene.String), required=True)
    checks = graphene.List(graphene.NonNull(ComplianceCheckType), required=True)

    @staticmethod
    def resolve_code(root: SiteCompliance, info: Any) -> str:
        return root.site.code

    @staticmethod
    def resolve_name(root: SiteCompliance, info: Any) -> str:
        return root.site.name

    @staticmethod
    def resolve_level(root: SiteCompliance, info: Any) -> str:
        return root.site.level

    @staticmethod
    def resolve_responsibilities(root: SiteCompliance, info: Any) -> list[str]:
        return list(root.network.responsibilities) if root.network else []


class LedgerCountsType(graphene.ObjectType):
    class Meta:
        name = "AssistanceLedgerCounts"

    taken = graphene.Int(required=True)
    at_home = graphene.Int(required=True)
    handed_over = graphene.Int(required=True)
    handed_on_time = graphene.Int(required=True)
    submitted = graphene.Int(required=True)
    delivered = graphene.Int(required=True)
    evaluated = graphene.Int(required=True)
    satisfied = graphene.Int(required=True)
    open = graphene.Int(required=True)


class LedgerType(graphene.ObjectType):
    """工作台账 of a site for a month."""

    class Meta:
        name = "AssistanceLedger"

    site_code = graphene.String(required=True)
    site_name = graphene.String(required=True)
    year = graphene.Int(required=True)
    month = graphene.Int(required=True)
    counts = graphene.Field(LedgerCountsType, required=True)
    requests = graphene.List(graphene.NonNull(AssistanceRequestType), required=True)


class AgeBucketType(graphene.ObjectType):
    class Meta:
        name = "AssistanceAgeBucket"

    label = graphene.String(required=True)
    count = graphene.Int(required=True)


class MeasureType(graphene.ObjectType):
    class Meta:
        name = "AssistanceMeasure"

    key = graphene.String(required=True)
    name = graphene.String(required=True)
    requests = graphene.Int(required=True)
    handovers = graphene.Int(required=True)
    on_time = graphene.Int(required=True)
    on_time_rate = graphene.Float()
    rated = graphene.Int(required=True)
    satisfaction = graphene.Float(description="满意（含以上）占已评价的比例")
    mean_rating = graphene.Float()
    open_by_age = graphene.List(graphene.NonNull(AgeBucketType), required=True)

    @staticmethod
    def resolve_open_by_age(root: Measure, info: Any) -> list[AgeBucketType]:
        return [AgeBucketType(label=k, count=v) for k, v in root.open_by_age.items()]


class MeasuresType(graphene.ObjectType):
    class Meta:
        name = "AssistanceMeasures"

    agents = graphene.List(graphene.NonNull(MeasureType), required=True)
    sites = graphene.List(graphene.NonNull(MeasureType), required=True)


class AssistanceSettingsType(graphene.ObjectType):
    class Meta:
        name = "AssistanceSettings"

    complaint_within_days = graphene.Int(description="投诉调查处理时限（工作日）；为空：该县未设时限")
    deliver_within_days = graphene.Int(required=True)
    min_township = graphene.Int(required=True)
    min_village = graphene.Int(required=True)
    min_county = graphene.Int(required=True)


class TrackedStepType(graphene.ObjectType):
    class Meta:
        name = "AssistanceTrackedStep"

    kind_label = graphene.String(required=True)
    at = graphene.DateTime(required=True)
    site_name = graphene.String(required=True)


class TrackingType(graphene.ObjectType):
    """What the applicant sees through the QR: no personal data, no staff names."""

    class Meta:
        name = "AssistanceTracking"

    number = graphene.String(required=True)
    status_label = graphene.String(required=True)
    current_site_name = graphene.String(required=True)
    item_names = graphene.List(graphene.NonNull(graphene.String), required=True)
    steps = graphene.List(graphene.NonNull(TrackedStepType), required=True)

    @staticmethod
    def resolve_status_label(root: AssistanceRequest, info: Any) -> str:
        return root.get_status_display()

    @staticmethod
    def resolve_current_site_name(root: AssistanceRequest, info: Any) -> str:
        return root.current_site.name

    @staticmethod
    def resolve_item_names(root: AssistanceRequest, info: Any) -> list[str]:
        return [i.name for i in root.items.all()]

    @staticmethod
    def resolve_steps(root: AssistanceRequest, info: Any) -> list[TrackedStepType]:
        return [
            TrackedStepType(kind_label=s.get_kind_display(), at=s.at, site_name=s.site.name)
            for s in root.steps.select_related("site")
        ]
