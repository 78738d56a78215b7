from __future__ import annotations

from onewindow.graphql.catalog.types import ServiceItemType
from onewindow.graphql.policy.entry_mutations import save_mutation
from onewindow.tenants.catalog.policy import ITEMS

SaveServiceItem = save_mutation(
    "SaveServiceItem",
    ITEMS,
    output=ServiceItemType,
    description="新建或修改政务服务事项（按 code）；整个政策包重新校验并生成新版本。",
)
