from __future__ import annotations

from typing import Any

import graphene
from graphene.types.generic import GenericScalar
from graphene_django import DjangoObjectType

from onewindow.graphql.core.connections import CountableConnection
from onewindow.graphql.core.ids import resolve_global_id
from onewindow.graphql.core.loaders import related
from onewindow.graphql.core.permissions import require
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.scoring.exports import period_title
from onewindow.tenants.scoring.models import Incident, Objection, Period, PeriodStatus, Result
from onewindow.tenants.scoring.selectors import missing_inputs
from onewindow.tenants.scoring.services.evidence import entries_of

PeriodStatusEnum = graphene.Enum.from_enum(PeriodStatus, description="考核期状态")


class PeriodType(DjangoObjectType):
    id = graphene.ID(required=True, description="全局 ID（不透明）")
    resolve_id = staticmethod(resolve_global_id)

    status = PeriodStatusEnum(required=True)
    rule_set_code = graphene.String(required=True)
    rule_set_name = graphene.String(required=True)
    version = graphene.Int(required=True, description="计分所用的细则版本")
    title = graphene.String(required=True, description="通报标题：县、细则、考核期")
    objections = graphene.List(
        graphene.NonNull(lambda: ObjectionType), required=True, description="公示期内提出的异议（先提先列）"
    )
    categories = graphene.List(
        graphene.NonNull(lambda: AssessmentCategory), required=True, description="该期所用版本的类别"
    )
    bonuses = graphene.List(graphene.NonNull(lambda: AssessmentRule), required=True)
    vetoes = graphene.List(graphene.NonNull(lambda: AssessmentRule), required=True)
    posting_min_days = graphene.Int(description="该期所用版本规定的最少公示工作日数")
    missing_input = graphene.String(required=True, description="refuse | unranked（见考核细则）")
    incomplete = graphene.List(
        graphene.NonNull(lambda: IncompleteSubject),
        required=True,
        description="尚缺测量值的考核对象（结算前；结算时按细则拒绝或不排名）",
    )

    class Meta:
        model = Period
        name = "AssessmentPeriod"
        use_connection = True
        connection_class = CountableConnection
        fields = ("id", "starts_on", "ends_on", "posted_until", "closed_at", "finalized_at")

    @staticmethod
    def resolve_rule_set_code(root: Period, info: Any) -> str:
        return root.rule_set.code

    @staticmethod
    def resolve_rule_set_name(root: Period, info: Any) -> str:
        return root.rule_set.name

    @staticmethod
    def resolve_version(root: Period, info: Any) -> int:
        return root.version.number

    @staticmethod
    def resolve_title(root: Period, info: Any) -> str:
        return period_title(root)

    @staticmethod
    @require(Perm.SCORING)  # 异议 and their decisions are the assessment officers' business
    def resolve_objections(root: Period, info: Any) -> list[Objection]:
        return related(root, "objections", Objection.objects.order_by("filed_at", "id"))

    @staticmethod
    def resolve_categories(root: Period, info: Any) -> list[AssessmentCategory]:
        return categories_of(root.version.definition)

    @staticmethod
    def resolve_posting_min_days(root: Period, info: Any) -> int | None:
        return (root.version.definition.get("posting") or {}).get("min_working_days")

    @staticmethod
    def resolve_missing_input(root: Period, info: Any) -> str:
        return str(root.version.definition.get("missing_input", "refuse"))

    @staticmethod
    def resolve_incomplete(root: Period, info: Any) -> list[IncompleteSubject]:
        if root.status != PeriodStatus.OPEN:
            return []  # closed: the ranking's ``missing`` says it
        return [IncompleteSubject(subject=s, categories=c) for s, c in missing_inputs(root).items()]

    @staticmethod
    def resolve_bonuses(root: Period, info: Any) -> list[AssessmentRule]:
        return _rules(root.version.definition.get("bonuses", []))

    @staticmethod
    def resolve_vetoes(root: Period, info: Any) -> list[AssessmentRule]:
        return _rules(root.version.definition.get("vetoes", []))


class IncompleteSubject(graphene.ObjectType):
    subject = graphene.String(required=True)
    categories = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="缺测量值的类别代码"
    )


class ResultType(DjangoObjectType):
    """One row of the ranking table. ``rank`` is empty for a subject left unranked because a
    measured category (``missing``) had no input when the period closed."""

    categories = GenericScalar(required=True, description="{类别代码: 得分}")
    missing = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="缺测量值的类别代码（如人员管理未录入）；非空时该对象不完整、不排名",
    )

    class Meta:
        model = Result
        name = "AssessmentResult"
        fields = ("subject", "bonus", "total", "rank", "vetoed", "missing")


class EvidenceFile(graphene.ObjectType):
    """One evidence entry of an incident: an uploaded file (``stored``) or a name / link."""

    index = graphene.Int(required=True, description="在该记录证据中的序号（下载时用）")
    name = graphene.String(required=True)
    size = graphene.Int(description="字节数（上传的文件）")
    content_type = graphene.String()
    stored = graphene.Boolean(required=True, description="是否为系统保存的文件")


class IncidentType(DjangoObjectType):
    """考核记录 behind a point."""

    id = graphene.ID(required=True, description="全局 ID（不透明）")
    resolve_id = staticmethod(resolve_global_id)

    evidence = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="证据附件（名称或链接）"
    )
    attachments = graphene.List(graphene.NonNull(EvidenceFile), required=True, description="证据附件")

    class Meta:
        model = Incident
        name = "Incident"
        use_connection = True
        connection_class = CountableConnection
        fields = (
            "id",
            "rule",
            "subject",
            "occurred_on",
            "count",
            "base",
            "note",
            "evidence",
            "recorder",
            "cause",
            "withdrawn_at",
            "withdrawn_reason",
            "created_at",
        )

    @staticmethod
    def resolve_evidence(root: Incident, info: Any) -> list[str]:
        return [str(e["name"]) for e in entries_of(root)]

    @staticmethod
    def resolve_attachments(root: Incident, info: Any) -> list[EvidenceFile]:
        return [
            EvidenceFile(
                index=i,
                name=e["name"],
                size=e.get("size"),
                content_type=e.get("content_type"),
                stored="path" in e,
            )
            for i, e in enumerate(entries_of(root))
        ]


class ObjectionType(DjangoObjectType):
    id = graphene.ID(required=True, description="全局 ID（不透明）")
    resolve_id = staticmethod(resolve_global_id)

    class Meta:
        model = Objection
        name = "Objection"
        fields = ("id", "subject", "text", "filed_at", "decision", "upheld", "decided_at")


class AssessmentRule(graphene.ObjectType):
    """A rule of a rule set's definition (扣分项、分项、加分、否决)."""

    code = graphene.String(required=True)
    name = graphene.String(required=True)
    kind = graphene.String(required=True, description="deduction | sub_item | threshold | bonus | veto")
    points = graphene.Float(required=True)


class AssessmentCategory(graphene.ObjectType):
    code = graphene.String(required=True)
    name = graphene.String(required=True)
    max = graphene.Float(required=True)
    derived_from = graphene.Float(description="测量值类别的满分（如人员管理折合）；记录时以类别代码为规则")
    rules = graphene.List(graphene.NonNull(AssessmentRule), required=True)


def _rules(rows: list[dict[str, Any]]) -> list[AssessmentRule]:
    return [
        AssessmentRule(code=r["code"], name=r["name"], kind=r["kind"], points=r.get("points") or 0)
        for r in rows
    ]


def categories_of(definition: dict[str, Any]) -> list[AssessmentCategory]:
    return [
        AssessmentCategory(
            code=c["code"],
            name=c["name"],
            max=c["max"],
            derived_from=c.get("derived_from"),
            rules=_rules(c.get("rules", [])),
        )
        for c in definition.get("categories", [])
    ]


class AssessmentSubject(graphene.ObjectType):
    code = graphene.String(required=True)
    name = graphene.String(required=True)


class AssessmentRuleSet(graphene.ObjectType):
    """A live rule set as the assessment pages use it: its current definition and the subjects
    it scores."""

    code = graphene.String(required=True)
    name = graphene.String(required=True)
    subject_kind = graphene.String(required=True, description="department | window | staff")
    period_kind = graphene.String(required=True, description="week | month | quarter | year")
    draft = graphene.Boolean(required=True)
    note = graphene.String(required=True)
    version = graphene.Int(description="当前版本号（尚无版本时为空）")
    categories = graphene.List(graphene.NonNull(AssessmentCategory), required=True)
    bonuses = graphene.List(graphene.NonNull(AssessmentRule), required=True)
    vetoes = graphene.List(graphene.NonNull(AssessmentRule), required=True)
    subjects = graphene.List(graphene.NonNull(AssessmentSubject), required=True)
    posting_min_days = graphene.Int(description="排名至少公示的工作日数（细则规定；为空则不限）")
    missing_input = graphene.String(
        required=True, description="测量值缺失时：refuse 不能结算 | unranked 结算但该对象不排名"
    )


class EvidenceContent(graphene.ObjectType):
    """An evidence file's bytes (base64), for the county's assessment officers."""

    name = graphene.String(required=True)
    content_type = graphene.String(required=True)
    size = graphene.Int(required=True)
    content = graphene.String(required=True, description="文件内容（base64）")
