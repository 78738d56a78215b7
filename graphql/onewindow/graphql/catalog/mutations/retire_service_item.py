from __future__ import annotations

from onewindow.graphql.policy.entry_mutations import retire_mutation

RetireServiceItem = retire_mutation(
    "RetireServiceItem",
    section="items",
    description="停用政务服务事项：从列表和政策包中移除，历史保留；仍被引用时拒绝并指出引用处。",
)
