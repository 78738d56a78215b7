"""事项目录调整's slice of the policy pack: the county's two limits (通许 004 第十二条: 3 and 7
working days). Only a county whose rules set them carries them; a limit left out is no clock:
the request is recorded without that due date, nothing watches it, and it is never "late"."""

from __future__ import annotations

from pydantic import Field

from onewindow.tenants.catalogchanges.models import CatalogChangeSettings
from onewindow.tenants.policy.base import Settings, Strict, columns


class CatalogChangeSettingsSpec(Strict):
    """Working days a department has to report a rule change, and the centre to apply it."""

    report_within_days: int | None = Field(default=None, ge=1, le=30)  # 通许 004 第十二条: 3
    apply_within_days: int | None = Field(default=None, ge=1, le=60)  # 通许 004 第十二条: 7


CATALOG_CHANGES = Settings(
    "catalog_changes",
    CatalogChangeSettingsSpec,
    CatalogChangeSettings,
    columns("report_within_days", "apply_within_days"),
)

__all__ = ["CATALOG_CHANGES", "CatalogChangeSettingsSpec"]
