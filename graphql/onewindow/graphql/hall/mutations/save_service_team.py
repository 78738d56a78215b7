from __future__ import annotations

from onewindow.graphql.hall.types import ServiceTeamType
from onewindow.graphql.policy.entry_mutations import save_mutation
from onewindow.tenants.hall.policy import TEAMS

SaveServiceTeam = save_mutation(
    "SaveServiceTeam",
    TEAMS,
    output=ServiceTeamType,
    description="新建或修改服务团队（按 code）；整个政策包重新校验并生成新版本。",
)
