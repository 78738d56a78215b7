from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.catalog.services import load_catalog_text


class LoadedProvince(graphene.ObjectType):
    province = graphene.String(required=True)
    items = graphene.Int(required=True)


class LoadProvincialCatalog(BaseMutation):
    """加载省级标准目录（YAML：以省份为键、事项列表为值）；按事项编码新增或更新。
    任何一项有错则全部不加载，错误给出“省份[序号].字段”。"""

    class Arguments:
        document = graphene.String(required=True)

    loaded = graphene.List(graphene.NonNull(LoadedProvince), description="每个省份加载的事项数；出错时为空")

    pack_paths = True  # errors name places in the YAML document, spelt as it spells them

    class Meta:
        permission = Perm.PLATFORM_MANAGE_POLICY

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> LoadProvincialCatalog:
        counts = load_catalog_text(data["document"], actor=ctx.user)
        return cls(loaded=[LoadedProvince(province=p, items=n) for p, n in counts.items()])
