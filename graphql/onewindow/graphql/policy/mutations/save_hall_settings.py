from __future__ import annotations

from onewindow.graphql.policy.settings import settings_mutation
from onewindow.tenants.hall.policy import HALL

SaveHallSettings = settings_mutation(
    "SaveHallSettings",
    HALL,
    description="修改大厅规则：进驻不满 1 年的人员标记或拒绝；哪些办件可由作出决定的窗口直接出件。",
)
