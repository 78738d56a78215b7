from __future__ import annotations

from onewindow.graphql.policy.settings import settings_mutation
from onewindow.tenants.catalogchanges.policy import CATALOG_CHANGES

SaveCatalogChangeSettings = settings_mutation(
    "SaveCatalogChangeSettings", CATALOG_CHANGES, description="修改事项目录调整的报送、调整时限（工作日）。"
)
