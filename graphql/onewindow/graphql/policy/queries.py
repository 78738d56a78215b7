from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.permissions import require
from onewindow.graphql.policy.types import PolicyChange, PolicyVersionType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.policy.document import parse_pack
from onewindow.tenants.policy.models import PolicyVersion
from onewindow.tenants.policy.services import diff_against_county, export_yaml


class PolicyQueries(graphene.ObjectType):
    policy_pack = graphene.String(required=True, description="本县当前配置的政策包（YAML）")
    policy_versions = graphene.List(
        graphene.NonNull(PolicyVersionType),
        required=True,
        last=graphene.Int(default_value=20, description="最近几个版本（≤100）"),
    )
    policy_diff = graphene.List(
        graphene.NonNull(PolicyChange),
        required=True,
        document=graphene.String(required=True),
        description="应用此政策包会带来的变化（同时校验它；错误带 YAML 路径）",
    )

    @staticmethod
    @require(Perm.COUNTY_MANAGE_POLICY)
    def resolve_policy_pack(root: Any, info: Any) -> str:
        return export_yaml()

    @staticmethod
    @require(Perm.COUNTY_MANAGE_POLICY)
    def resolve_policy_versions(root: Any, info: Any, last: int | None = 20) -> list[PolicyVersion]:
        last = 20 if last is None else last  # an explicit null means the default
        return list(PolicyVersion.objects.order_by("-number")[: max(0, min(last, 100))])

    @staticmethod
    @require(Perm.COUNTY_MANAGE_POLICY)
    def resolve_policy_diff(root: Any, info: Any, document: str) -> list[dict[str, Any]]:
        return diff_against_county(parse_pack(document))
