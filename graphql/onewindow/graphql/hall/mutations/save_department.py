from __future__ import annotations

from onewindow.graphql.hall.types import DepartmentType
from onewindow.graphql.policy.entry_mutations import save_mutation
from onewindow.tenants.hall.policy import DEPARTMENTS

SaveDepartment = save_mutation(
    "SaveDepartment",
    DEPARTMENTS,
    output=DepartmentType,
    description="新建或修改进驻部门（按 code）；整个政策包重新校验并生成新版本。",
)
