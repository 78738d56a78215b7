from __future__ import annotations

from onewindow.graphql.escalation.types import ChainType
from onewindow.graphql.policy.entry_mutations import save_mutation
from onewindow.tenants.escalation.policy import CHAINS

SaveChain = save_mutation(
    "SaveChain",
    CHAINS,
    output=ChainType,
    description="新建或修改督办链（按 code）；层级变化产生新版本，进行中的事项沿用原版本。",
)
