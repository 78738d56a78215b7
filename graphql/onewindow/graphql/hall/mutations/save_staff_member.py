from __future__ import annotations

from onewindow.graphql.hall.types import StaffMemberType
from onewindow.graphql.policy.entry_mutations import save_mutation
from onewindow.tenants.hall.policy import STAFF

SaveStaffMember = save_mutation(
    "SaveStaffMember",
    STAFF,
    output=StaffMemberType,
    description="新建或修改工作人员（按 code）；整个政策包重新校验并生成新版本。",
)
