from __future__ import annotations

from onewindow.graphql.policy.entry_mutations import retire_mutation

RetireRuleSet = retire_mutation(
    "RetireRuleSet", section="rule_sets", description="停用考核细则（历史考核期及其排名保留）。"
)
