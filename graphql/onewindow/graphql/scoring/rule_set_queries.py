from __future__ import annotations

from typing import Any

import graphene
from django.db.models import QuerySet

from onewindow.graphql.core.loaders import mark_page
from onewindow.graphql.core.permissions import require
from onewindow.graphql.policy.entry_mutations import input_errors
from onewindow.graphql.policy.inputs import input_type, to_entry
from onewindow.graphql.scoring.rule_set_types import RuleSetPreviewType, RuleSetType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.policy.services import EntryErrors
from onewindow.tenants.scoring.models import RuleSet
from onewindow.tenants.scoring.policy import RuleSetSpec
from onewindow.tenants.scoring.preview import RulePreview, preview_rule_set

RuleSetInput = input_type(RuleSetSpec, "RuleSetInput", partial=True)


class RuleSetQueries(graphene.ObjectType):
    rule_sets = graphene.List(graphene.NonNull(RuleSetType), required=True, description="本县的考核细则")
    rule_set = graphene.Field(RuleSetType, code=graphene.String(required=True))
    rule_set_preview = graphene.Field(
        RuleSetPreviewType,
        input=RuleSetInput(required=True),
        required=True,
        description="预览：按修改后的细则（未保存）为上一考核期计分，与现行细则对比。错误与保存时相同。",
    )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_rule_sets(root: Any, info: Any) -> Any:
        return mark_page(list(RuleSet.objects.live().order_by("position", "code")))

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_rule_set(root: Any, info: Any, code: str) -> RuleSet | None:
        found: QuerySet[RuleSet] = RuleSet.objects.live().filter(code=code)
        return found.first()

    @staticmethod
    @require(Perm.COUNTY_MANAGE_POLICY)
    def resolve_rule_set_preview(root: Any, info: Any, input: dict[str, Any]) -> RulePreview:
        try:
            return preview_rule_set(to_entry(input))
        except EntryErrors as exc:
            raise input_errors(exc) from None
