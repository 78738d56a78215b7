"""事项目录调整's slice of the policy pack: the county's two limits (004 第十二条)."""

from __future__ import annotations

from pydantic import Field

from onewindow.tenants.catalogchanges.models import CatalogChangeSettings
from onewindow.tenants.policy.base import Settings, Strict, columns


class CatalogChangeSettingsSpec(Strict):
    """Working days a department has to report a rule change, and the centre to apply it."""

    report_within_days: int = Field(default=3, ge=1, le=30)  # 004 第十二条: 3 working days
    apply_within_days: int = Field(default=7, ge=1, le=60)  # 004 第十二条: 7 working days


CATALOG_CHANGES = Settings(
    "catalog_changes",
    CatalogChangeSettingsSpec,
    CatalogChangeSettings,
    columns("report_within_days", "apply_within_days"),
)

__all__ = ["CATALOG_CHANGES", "CatalogChangeSettingsSpec"]
