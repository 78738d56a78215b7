from __future__ import annotations

from onewindow.graphql.policy.entry_mutations import retire_mutation

RetireChain = retire_mutation(
    "RetireChain",
    section="chains",
    description="停用督办链：不再开始新的督办；已在督办中的事项按原版本继续。",
)
