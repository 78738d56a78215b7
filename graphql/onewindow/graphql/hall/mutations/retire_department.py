from __future__ import annotations

from onewindow.graphql.policy.entry_mutations import retire_mutation

RetireDepartment = retire_mutation(
    "RetireDepartment",
    section="departments",
    description="停用进驻部门：从列表和政策包中移除，历史保留；仍被引用时拒绝并指出引用处。",
)
