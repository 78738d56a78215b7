from __future__ import annotations

from onewindow.graphql.policy.entry_mutations import retire_mutation

RetireSite = retire_mutation(
    "RetireSite",
    section="sites",
    description="停用服务场所：从列表和政策包中移除，历史保留；仍被引用时拒绝并指出引用处。",
)
