from __future__ import annotations

from onewindow.graphql.policy.entry_mutations import save_mutation
from onewindow.graphql.scoring.rule_set_types import RuleSetType
from onewindow.tenants.scoring.policy import RULE_SETS

SaveRuleSet = save_mutation(
    "SaveRuleSet",
    RULE_SETS,
    output=RuleSetType,
    description="新建或修改考核细则（按 code）；定义变化产生细则的新版本，已开始的考核期沿用原版本。",
)
