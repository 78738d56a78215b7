from __future__ import annotations

from onewindow.graphql.policy.settings import settings_mutation
from onewindow.tenants.reviews.policy import REVIEWS

SaveReviewSettings = settings_mutation(
    "SaveReviewSettings", REVIEWS, description="修改好差评设置（默认好评、差评回访与整改时限）。"
)
