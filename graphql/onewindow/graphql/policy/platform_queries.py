from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.errors import Error, errors_from
from onewindow.graphql.core.permissions import require
from onewindow.graphql.policy.types import PolicyChange
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core.errors import BusinessError, NotFound
from onewindow.platform.core.tenancy import dangerously_in_county
from onewindow.platform.counties.models import County
from onewindow.tenants.policy.document import parse_pack
from onewindow.tenants.policy.services import diff_against_county, export_yaml, validate_text


class PolicyCheck(graphene.ObjectType):
    """校验结果：errors 为空即有效。"""

    valid = graphene.Boolean(required=True)
    errors = graphene.List(graphene.NonNull(Error), required=True)


def _county(code: str) -> County:
    county = County.objects.counties().filter(code=code).first()
    if county is None:
        raise NotFound(f"县 {code}", field="code")
    return county


class PlatformPolicyQueries(graphene.ObjectType):
    county_policy_pack = graphene.String(
        code=graphene.String(required=True), description="某县当前配置的政策包（YAML）"
    )
    county_policy_diff = graphene.List(
        graphene.NonNull(PolicyChange),
        code=graphene.String(required=True),
        document=graphene.String(required=True),
        description="把此政策包应用到某县会带来的变化",
    )
    validate_policy_pack = graphene.Field(
        PolicyCheck,
        required=True,
        document=graphene.String(required=True),
        province=graphene.String(description="按此省的标准目录校验认领；默认取政策包中的省份"),
        description="校验政策包（不需要县）",
    )

    @staticmethod
    @require(Perm.PLATFORM_MANAGE_POLICY)
    def resolve_county_policy_pack(root: Any, info: Any, code: str) -> str:
        with dangerously_in_county(_county(code)):
            return export_yaml()

    @staticmethod
    @require(Perm.PLATFORM_MANAGE_POLICY)
    def resolve_county_policy_diff(root: Any, info: Any, code: str, document: str) -> list[dict[str, Any]]:
        with dangerously_in_county(_county(code)):
            return diff_against_county(parse_pack(document))

    @staticmethod
    @require(Perm.PLATFORM_MANAGE_POLICY)
    def resolve_validate_policy_pack(
        root: Any, info: Any, document: str, province: str | None = None
    ) -> PolicyCheck:
        try:
            validate_text(document, province=province)
        except BusinessError as exc:
            return PolicyCheck(valid=False, errors=errors_from(exc))
        return PolicyCheck(valid=True, errors=[])
