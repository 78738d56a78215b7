"""The case domain's slice of the policy pack: the county's case settings.

``result_handover_within_days``: working days after the department's decision by which the result
must reach the 综合出件 window (000 第九条 办理交接手续; 附件3 第6项 "未及时将办理结果送达到出件窗口的，
每次扣2分"). The seed says "未及时" and gives no number, so the county sets it; null (the default)
records hand-overs without a limit, and nothing is ever late."""

from __future__ import annotations

from pydantic import Field

from onewindow.tenants.cases.models import CaseSettings
from onewindow.tenants.policy.base import Settings, Strict, columns


class CaseSettingsSpec(Strict):
    result_handover_within_days: int | None = Field(default=None, ge=0, le=30)


CASES = Settings("cases", CaseSettingsSpec, CaseSettings, columns("result_handover_within_days"))

__all__ = ["CASES", "CaseSettingsSpec"]
