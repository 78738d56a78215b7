from __future__ import annotations

from onewindow.graphql.policy.entry_mutations import retire_mutation

RetireZone = retire_mutation(
    "RetireZone",
    section="zones",
    description="停用功能分区：从列表和政策包中移除，历史保留；仍被引用时拒绝并指出引用处。",
)
