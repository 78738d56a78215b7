"""12345 工单's slice of the policy pack: each step's limit in working days.

The seeds name the mechanism (004 第二十条 有诉即办: 受理、转办、督办、反馈; 001 §15 and 002 三(二):
the 12345 hotline as a channel) but give no step limits: the defaults are example data."""

from __future__ import annotations

from pydantic import Field

from onewindow.tenants.hotline.models import HotlineSettings
from onewindow.tenants.policy.base import Settings, Strict, columns


class HotlineSettingsSpec(Strict):
    """Working days for each step of a 12345 order (example defaults)."""

    sign_within_days: int = Field(default=1, ge=1, le=10)  # 签收 (or 退单) after it arrives
    handle_within_days: int = Field(default=5, ge=1, le=60)  # 办理 after 签收 (the hotline's own date wins)
    reply_within_days: int = Field(default=1, ge=1, le=10)  # 答复 the citizen after 办理
    visit_within_days: int = Field(default=2, ge=1, le=10)  # 回访 after 答复
    redo_within_days: int = Field(default=5, ge=1, le=60)  # 重办 after an unsatisfied 回访


HOTLINE = Settings(
    "hotline",
    HotlineSettingsSpec,
    HotlineSettings,
    columns(
        "sign_within_days", "handle_within_days", "reply_within_days", "visit_within_days", "redo_within_days"
    ),
)

__all__ = ["HOTLINE", "HotlineSettingsSpec"]
