from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.policy.types import PolicyChange, PolicyVersionType
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core.errors import NotFound
from onewindow.platform.core.tenancy import dangerously_in_county
from onewindow.platform.counties.models import County
from onewindow.tenants.policy.services import apply_text


class ApplyCountyPolicyPack(BaseMutation):
    """省级运营人员为某县应用政策包（与县级接口的 applyPolicyPack 相同的规则）。"""

    class Arguments:
        code = graphene.String(required=True)
        document = graphene.String(required=True)

    version = graphene.Field(PolicyVersionType)
    changes = graphene.List(graphene.NonNull(PolicyChange))

    pack_paths = True

    class Meta:
        permission = Perm.PLATFORM_MANAGE_POLICY

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> ApplyCountyPolicyPack:
        county = County.objects.active().filter(code=data["code"]).first()
        if county is None:
            raise NotFound(f"县 {data['code']}", field="code")
        with dangerously_in_county(county):
            result = apply_text(data["document"], actor=ctx.user, source="platform-api")
        return cls(version=result.version, changes=result.diff)
