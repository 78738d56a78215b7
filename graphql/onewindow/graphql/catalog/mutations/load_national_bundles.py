from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.catalog.services import load_national_bundles_text


class LoadNationalBundles(BaseMutation):
    """加载国家“一件事”清单（YAML 列表：code、batch、name、lead_department、supporting_departments）。"""

    class Arguments:
        document = graphene.String(required=True)

    items = graphene.Int()

    pack_paths = True  # errors name places in the YAML document, spelt as it spells them

    class Meta:
        permission = Perm.PLATFORM_MANAGE_POLICY

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> LoadNationalBundles:
        return cls(items=load_national_bundles_text(data["document"], actor=ctx.user))
