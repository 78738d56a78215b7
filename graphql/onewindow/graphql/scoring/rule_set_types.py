"""考核细则 as the API shows them: the definition in force, its versions, and a preview."""

from __future__ import annotations

from typing import Any

import graphene
from graphene.types.generic import GenericScalar
from graphene_django import DjangoObjectType

from onewindow.graphql.core.loaders import related
from onewindow.graphql.scoring.types import PeriodType
from onewindow.tenants.scoring.models import RuleSet, RuleSetVersion
from onewindow.tenants.scoring.preview import PreviewRow, RulePreview


class RuleSetVersionType(DjangoObjectType):
    class Meta:
        model = RuleSetVersion
        name = "RuleSetVersion"
        fields = ("number", "created_at")


class RuleSetType(DjangoObjectType):
    """考核细则 (its current version): categories with their maxima, rules, bonuses, vetoes."""

    definition = GenericScalar(required=True, description="现行版本的完整定义（与政策包 rule_sets 条目相同）")
    version = graphene.Int(description="现行版本号")
    versions = graphene.List(
        graphene.NonNull(RuleSetVersionType), required=True, description="全部版本（最新在前）"
    )

    class Meta:
        model = RuleSet
        name = "RuleSet"
        fields = ("code", "name", "subject", "period")

    @staticmethod
    def _versions(root: RuleSet) -> list[RuleSetVersion]:
        return sorted(related(root, "versions"), key=lambda v: -v.number)

    @staticmethod
    def resolve_definition(root: RuleSet, info: Any) -> dict[str, Any]:
        versions = RuleSetType._versions(root)
        return dict(versions[0].definition) if versions else {}

    @staticmethod
    def resolve_version(root: RuleSet, info: Any) -> int | None:
        versions = RuleSetType._versions(root)
        return versions[0].number if versions else None

    @staticmethod
    def resolve_versions(root: RuleSet, info: Any) -> list[RuleSetVersion]:
        return RuleSetType._versions(root)


class RuleSetPreviewRowType(graphene.ObjectType):
    class Meta:
        name = "RuleSetPreviewRow"

    subject = graphene.String(required=True)
    subject_name = graphene.String(required=True)
    before = graphene.Decimal(required=True, description="按现行细则的得分")
    after = graphene.Decimal(required=True, description="按修改后细则的得分")
    before_rank = graphene.Int(required=True)
    after_rank = graphene.Int(required=True)
    vetoed = graphene.Boolean(required=True)
    categories = GenericScalar(required=True, description="修改后的 {类别代码: 得分}")

    @staticmethod
    def resolve_subject_name(root: PreviewRow, info: Any) -> str:
        return root.subject_name


class RuleSetPreviewType(graphene.ObjectType):
    """用修改后的细则为上一考核期的考核记录计分（不保存）。"""

    class Meta:
        name = "RuleSetPreview"

    period = graphene.Field(PeriodType, description="所用的考核期；还没有已关闭的考核期时为空")
    starts_on = graphene.Date(required=True)
    ends_on = graphene.Date(required=True)
    incidents = graphene.Int(required=True, description="计入的考核记录次数")
    rows = graphene.List(graphene.NonNull(RuleSetPreviewRowType), required=True)

    @staticmethod
    def resolve_rows(root: RulePreview, info: Any) -> list[PreviewRow]:
        return root.rows
