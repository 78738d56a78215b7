from __future__ import annotations

from onewindow.graphql.hall.types import WindowType
from onewindow.graphql.policy.entry_mutations import save_mutation
from onewindow.tenants.hall.policy import WINDOWS

SaveWindow = save_mutation(
    "SaveWindow",
    WINDOWS,
    output=WindowType,
    description="新建或修改窗口（按 code）；整个政策包重新校验并生成新版本。",
)
