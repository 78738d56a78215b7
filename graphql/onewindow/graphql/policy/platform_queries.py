from __future__ import annotations

from typing import Any

import graphene
from django_tenants.utils import tenant_context

from onewindow.graphql.core.permissions import require
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core.errors import NotFound
from onewindow.platform.counties.models import County
from onewindow.tenants.policy.services import export_yaml


class PlatformPolicyQueries(graphene.ObjectType):
    county_policy_pack = graphene.String(
        code=graphene.String(required=True), description="某县当前配置的政策包（YAML）"
    )

    @staticmethod
    @require(Perm.PLATFORM_MANAGE_POLICY)
    def resolve_county_policy_pack(root: Any, info: Any, code: str) -> str:
        county = County.objects.counties().filter(code=code).first()
        if county is None:
            raise NotFound(f"县 {code}", field="code")
        with tenant_context(county):
            return export_yaml()
