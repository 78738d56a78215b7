"""事项目录调整's slice of the policy pack: the county's two limits (通许 004 第十二条: 3 and 7
working days). Only a county whose rules set them carries them; a limit left out is no clock:
the request is recorded without that due date, nothing watches it, and it is never "late"."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from onewindow.platform.core.errors import ErrorDetail
from onewindow.tenants.catalogchanges.models import CatalogChangeSettings
from onewindow.tenants.policy.base import PackContext, Settings, Strict, columns

LATE_REPORT = "catalog_report_late"  # the scoring event of a report past the limit


class CatalogChangeSettingsSpec(Strict):
    """Working days a department has to report a rule change, and the centre to apply it."""

    report_within_days: int | None = Field(default=None, ge=1, le=30)  # 通许 004 第十二条: 3
    apply_within_days: int | None = Field(default=None, ge=1, le=60)  # 通许 004 第十二条: 7


def _unclocked(entries: list[CatalogChangeSettingsSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    """A rule that scores a late report, in a county with no report limit, never fires: said
    once, where the limit would go (the pack still applies)."""
    if entries[0].report_within_days is not None:
        return
    for i, rule_set in enumerate(ctx.pack.rule_sets):
        for j, category in enumerate(rule_set.categories):
            for k, rule in enumerate(category.rules):
                if LATE_REPORT in rule.events:
                    yield ErrorDetail(
                        "CLOCK_OFF",
                        f"考核细则 {rule_set.code} 的 {rule.code} 扣“目录调整告知超期”，但本县未设告知时限"
                        f"（rule_sets[{i}].categories[{j}].rules[{k}]），该项不会自动扣分",
                        "catalog_changes.report_within_days",
                    )


CATALOG_CHANGES = Settings(
    "catalog_changes",
    CatalogChangeSettingsSpec,
    CatalogChangeSettings,
    columns("report_within_days", "apply_within_days"),
    warn=_unclocked,
)

__all__ = ["CATALOG_CHANGES", "CatalogChangeSettingsSpec"]
