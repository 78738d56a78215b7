from __future__ import annotations

from onewindow.graphql.hall.types import ZoneType
from onewindow.graphql.policy.entry_mutations import save_mutation
from onewindow.tenants.hall.policy import ZONES

SaveZone = save_mutation(
    "SaveZone",
    ZONES,
    output=ZoneType,
    description="新建或修改功能分区（按 code）；整个政策包重新校验并生成新版本。",
)
