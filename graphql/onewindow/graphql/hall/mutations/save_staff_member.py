from __future__ import annotations

from onewindow.graphql.hall.types import StaffMemberType
from onewindow.graphql.policy.entry_mutations import save_mutation
from onewindow.tenants.hall.models import StaffMember
from onewindow.tenants.policy.schema import StaffSpec

SaveStaffMember = save_mutation(
    "SaveStaffMember",
    section="staff",
    spec=StaffSpec,
    model=StaffMember,
    output=StaffMemberType,
    description="新建或修改工作人员（按 code）；整个政策包重新校验并生成新版本。",
)
