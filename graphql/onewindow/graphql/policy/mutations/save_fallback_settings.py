from __future__ import annotations

from onewindow.graphql.policy.settings import settings_mutation
from onewindow.tenants.fallback.policy import FALLBACK

SaveFallbackSettings = settings_mutation(
    "SaveFallbackSettings",
    FALLBACK,
    description="修改办不成事设置（分级、负责单位、办理时限，是否移送纪委监委）。",
)
