from __future__ import annotations

from onewindow.graphql.catalog.types import BundleType
from onewindow.graphql.policy.entry_mutations import save_mutation
from onewindow.tenants.catalog.policy import BUNDLES

SaveBundle = save_mutation(
    "SaveBundle",
    BUNDLES,
    output=BundleType,
    description="新建或修改一件事（按 code）；整个政策包重新校验并生成新版本。",
)
