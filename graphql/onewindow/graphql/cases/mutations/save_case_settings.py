from __future__ import annotations

from onewindow.graphql.policy.settings import settings_mutation
from onewindow.tenants.cases.policy import CASES

SaveCaseSettings = settings_mutation(
    "SaveCaseSettings",
    CASES,
    description="修改办件设置：办理结果送达综合出件窗口的时限（审批决定后 N 个工作日；为空则不设时限）。",
)
