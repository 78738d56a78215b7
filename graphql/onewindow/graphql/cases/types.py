from __future__ import annotations

from typing import Any

import graphene
from graphene.types.generic import GenericScalar
from graphene_django import DjangoObjectType

from onewindow.graphql.core.connections import CountableConnection
from onewindow.graphql.core.context import api_context
from onewindow.graphql.core.ids import resolve_global_id
from onewindow.graphql.core.loaders import batched, one, related
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core import identifiers
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.cases import models
from onewindow.tenants.cases.selectors import case_list, case_timelines, is_commitment_overdue, is_overdue
from onewindow.tenants.escalation.selectors import reminder_levels

CaseStatusEnum = graphene.Enum.from_enum(models.CaseStatus, description="办件状态")
CommitmentKindEnum = graphene.Enum.from_enum(
    models.CommitmentKind, description="承诺类型：容缺受理 / 告知承诺"
)
CommitmentStateEnum = graphene.Enum.from_enum(models.CommitmentState, description="承诺状态")


def _case_reminder_levels(pks: list[Any]) -> dict[Any, int]:
    levels = reminder_levels("Case", pks)
    return {pk: levels[str(pk)] for pk in pks if str(pk) in levels}


mask = identifiers.mask  # 身份证号 150***********1234, phone 138****8000; a short value ****05


class ApplicantType(DjangoObjectType):
    """申请人. ``idNumber`` and ``phone`` are masked unless the caller's role may see them; full
    reads are collected and audited once per request (``core.audit.record_pii_reads``)."""

    id_number = graphene.String(required=True)
    phone = graphene.String(required=True)
    masked = graphene.Boolean(required=True, description="证件号和电话是否已脱敏")

    class Meta:
        model = models.Applicant
        name = "Applicant"
        fields = ("kind", "name")

    @staticmethod
    def _full(root: models.Applicant, info: Any, field: str) -> str:
        ctx = api_context(info)
        value = str(getattr(root, field))
        if not ctx.has(Perm.VIEW_PII):
            return mask(value)
        ctx.pii_reads.setdefault(field, set()).add(root.pk)
        return value

    @staticmethod
    def resolve_id_number(root: models.Applicant, info: Any) -> str:
        return ApplicantType._full(root, info, "id_number")

    @staticmethod
    def resolve_phone(root: models.Applicant, info: Any) -> str:
        return ApplicantType._full(root, info, "phone")

    @staticmethod
    def resolve_masked(root: models.Applicant, info: Any) -> bool:
        return not api_context(info).has(Perm.VIEW_PII)


class CaseMaterialType(DjangoObjectType):
    class Meta:
        model = models.CaseMaterial
        name = "CaseMaterial"
        fields = ("code", "name", "state", "note")


class CorrectionNoticeType(DjangoObjectType):
    entries = GenericScalar(required=True, description="[{code, name, problem, fix}]")

    class Meta:
        model = models.CorrectionNotice
        name = "CorrectionNotice"
        fields = ("number", "entries", "issued_at", "issued_by", "resolved_at")


class PauseType(DjangoObjectType):
    class Meta:
        model = models.CasePause
        name = "CasePause"
        fields = ("kind", "reason", "started_on", "ended_on")


class ExtensionType(DjangoObjectType):
    id = graphene.ID(required=True, description="全局 ID（不透明）")
    resolve_id = staticmethod(resolve_global_id)

    class Meta:
        model = models.Extension
        name = "Extension"
        fields = (
            "id",
            "days",
            "reason",
            "status",
            "requested_by",
            "decided_by",
            "requested_at",
            "decided_at",
        )


class IssuanceType(DjangoObjectType):
    window_code = graphene.String(required=True)

    class Meta:
        model = models.Issuance
        name = "Issuance"
        fields = ("delivery", "tracking_number", "issued_at", "issued_by", "delivered_at")

    @staticmethod
    def resolve_window_code(root: models.Issuance, info: Any) -> str:
        return root.window.code


class ResultHandoverType(DjangoObjectType):
    """结果流转交接（000 第九条）：审批部门移交综合出件窗口，出件窗口签收。"""

    department_code = graphene.String(required=True)
    department_name = graphene.String(required=True)
    window_code = graphene.String(description="签收的综合出件窗口")

    class Meta:
        model = models.ResultHandover
        name = "ResultHandover"
        fields = ("decided_at", "due_on", "handed_at", "handed_by", "received_at", "received_by", "late")

    @staticmethod
    def resolve_department_code(root: models.ResultHandover, info: Any) -> str:
        return root.department.code

    @staticmethod
    def resolve_department_name(root: models.ResultHandover, info: Any) -> str:
        return root.department.name

    @staticmethod
    def resolve_window_code(root: models.ResultHandover, info: Any) -> str | None:
        return root.window.code if root.window else None


class CommitmentType(DjangoObjectType):
    """容缺受理 / 告知承诺：约定的补齐（履行）日期及结果（003 二(二)4）。"""

    id = graphene.ID(required=True, description="全局 ID（不透明）")
    resolve_id = staticmethod(resolve_global_id)
    kind = CommitmentKindEnum(required=True)
    state = CommitmentStateEnum(required=True)
    overdue = graphene.Boolean(required=True, description="待履行且已过约定日期")
    case = graphene.Field(lambda: CaseType, required=True)

    class Meta:
        model = models.Commitment
        name = "Commitment"
        use_connection = True
        connection_class = CountableConnection
        fields = (
            "id",
            "material_code",
            "content",
            "due_on",
            "created_at",
            "created_by",
            "closed_at",
            "closed_by",
            "note",
        )

    @staticmethod
    def resolve_overdue(root: models.Commitment, info: Any) -> bool:
        return is_commitment_overdue(root)


class TimelineEvent(graphene.ObjectType):
    at = graphene.DateTime(required=True)
    action = graphene.String(required=True)
    actor = graphene.String(required=True)
    data = GenericScalar()


class CaseType(DjangoObjectType):
    """办件."""

    status = CaseStatusEnum(required=True)
    applicant = graphene.Field(ApplicantType, required=True)
    item_code = graphene.String()
    item_name = graphene.String()
    bundle_code = graphene.String()
    department_code = graphene.String(required=True)
    department_name = graphene.String(required=True)
    window_code = graphene.String()
    parent_number = graphene.String()
    overdue = graphene.Boolean(required=True)
    review_checks = GenericScalar(required=True, description="审查要点核对：[{code, point, passed, note}]")
    materials = graphene.List(graphene.NonNull(CaseMaterialType), required=True)
    notices = graphene.List(graphene.NonNull(CorrectionNoticeType), required=True)
    pauses = graphene.List(graphene.NonNull(PauseType), required=True)
    extensions = graphene.List(graphene.NonNull(ExtensionType), required=True)
    sub_cases = graphene.List(graphene.NonNull(lambda: CaseType), required=True)
    issuance = graphene.Field(IssuanceType)
    commitments = graphene.List(
        graphene.NonNull(CommitmentType), required=True, description="容缺受理、告知承诺及其履行"
    )
    result_handover = graphene.Field(ResultHandoverType, description="办理结果移交综合出件窗口的交接")
    review_level = graphene.Int()
    reminder_level = graphene.Int(
        required=True, description="已发出的督办提醒级数（三级提醒：0 无，1 黄、2 橙、3 红）"
    )
    timeline = graphene.List(graphene.NonNull(TimelineEvent), required=True)

    class Meta:
        model = models.Case
        name = "Case"
        interfaces = (graphene.relay.Node,)
        connection_class = CountableConnection
        fields = (
            "number",
            "channel",
            "version",
            "received_at",
            "accepted_on",
            "promised_days",
            "extension_days",
            "due_on",
            "paused",
            "decided_at",
            "decided_by",
            "decision_reason",
            "refusal_reason",
            "issued_at",
            "clerk_username",
        )

    @staticmethod
    def resolve_item_code(root: models.Case, info: Any) -> str | None:
        return root.item.code if root.item else None

    @staticmethod
    def resolve_item_name(root: models.Case, info: Any) -> str | None:
        return root.item.name if root.item else root.bundle.name if root.bundle else None

    @staticmethod
    def resolve_bundle_code(root: models.Case, info: Any) -> str | None:
        return root.bundle.code if root.bundle else None

    @staticmethod
    def resolve_department_code(root: models.Case, info: Any) -> str:
        return root.department.code

    @staticmethod
    def resolve_department_name(root: models.Case, info: Any) -> str:
        return root.department.name

    @staticmethod
    def resolve_window_code(root: models.Case, info: Any) -> str | None:
        return root.window.code if root.window else None

    @staticmethod
    def resolve_parent_number(root: models.Case, info: Any) -> str | None:
        return root.parent.number if root.parent_id and root.parent else None

    @staticmethod
    def resolve_overdue(root: models.Case, info: Any) -> bool:
        return is_overdue(root)

    @staticmethod
    def resolve_materials(root: models.Case, info: Any) -> list[Any]:
        return related(root, "materials")

    @staticmethod
    def resolve_notices(root: models.Case, info: Any) -> list[Any]:
        return related(root, "notices")

    @staticmethod
    def resolve_pauses(root: models.Case, info: Any) -> list[Any]:
        return related(root, "pauses")

    @staticmethod
    def resolve_extensions(root: models.Case, info: Any) -> list[Any]:
        return related(root, "extensions")

    @staticmethod
    def resolve_sub_cases(root: models.Case, info: Any) -> list[Any]:
        return related(root, "children", case_list())

    @staticmethod
    def resolve_issuance(root: models.Case, info: Any) -> Any:
        return one(root, "issuance", models.Issuance.objects.select_related("window"))

    @staticmethod
    def resolve_commitments(root: models.Case, info: Any) -> list[Any]:
        return related(root, "commitments")

    @staticmethod
    def resolve_result_handover(root: models.Case, info: Any) -> Any:
        return one(
            root, "result_handover", models.ResultHandover.objects.select_related("department", "window")
        )

    @staticmethod
    def resolve_review_level(root: models.Case, info: Any) -> int | None:
        review = one(root, "review")
        return review.level if review else None

    @staticmethod
    def resolve_reminder_level(root: models.Case, info: Any) -> int:
        levels: int = batched(root, "_reminder_level", _case_reminder_levels, 0)
        return levels

    @staticmethod
    def resolve_timeline(root: models.Case, info: Any) -> list[TimelineEvent]:
        events: list[AuditEvent] = batched(root, "_timeline", case_timelines, [])
        return [
            TimelineEvent(at=e.occurred_at, action=e.action, actor=e.actor_label, data=e.data) for e in events
        ]
