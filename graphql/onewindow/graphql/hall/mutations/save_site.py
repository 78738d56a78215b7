from __future__ import annotations

from onewindow.graphql.hall.types import SiteType
from onewindow.graphql.policy.entry_mutations import save_mutation
from onewindow.tenants.hall.models import Site
from onewindow.tenants.policy.schema import SiteSpec

SaveSite = save_mutation(
    "SaveSite",
    section="sites",
    spec=SiteSpec,
    model=Site,
    output=SiteType,
    description="新建或修改服务场所（按 code）；整个政策包重新校验并生成新版本。",
)
