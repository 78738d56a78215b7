from __future__ import annotations

from onewindow.graphql.hall.types import SiteType
from onewindow.graphql.policy.entry_mutations import save_mutation
from onewindow.tenants.hall.policy import SITES

SaveSite = save_mutation(
    "SaveSite",
    SITES,
    output=SiteType,
    description="新建或修改服务场所（按 code）；整个政策包重新校验并生成新版本。",
)
