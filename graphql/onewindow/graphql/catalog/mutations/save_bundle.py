from __future__ import annotations

from onewindow.graphql.catalog.types import BundleType
from onewindow.graphql.policy.entry_mutations import save_mutation
from onewindow.tenants.catalog.models import Bundle
from onewindow.tenants.policy.schema import BundleSpec

SaveBundle = save_mutation(
    "SaveBundle",
    section="bundles",
    spec=BundleSpec,
    model=Bundle,
    output=BundleType,
    description="新建或修改一件事（按 code）；整个政策包重新校验并生成新版本。",
)
