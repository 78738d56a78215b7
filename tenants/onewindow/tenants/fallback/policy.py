"""办不成事's slice of the policy pack: the tiers with their owners and limits."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from onewindow.platform.core.errors import ErrorDetail
from onewindow.tenants.fallback.models import FallbackSettings
from onewindow.tenants.policy.base import PackContext, Settings, Strict, Text, columns


class TierSpec(Strict):
    tier: Literal["general", "hard", "very_hard"]
    owner: Text  # who runs this tier: 中心, 改革办, 县政府 …
    days: int = Field(ge=1, le=90)  # working days to resolve


DEFAULT_TIERS = (
    # DOMAIN §8: common local limits are 5 working days, complex 10; 002 四(二) names the owners
    TierSpec(tier="general", owner="政务服务中心", days=5),
    TierSpec(tier="hard", owner="改革办", days=10),
    TierSpec(tier="very_hard", owner="县政府", days=30),
)


class FallbackSettingsSpec(Strict):
    """办不成事: tiers with their owners and limits; whether a matter that made an applicant come
    again and again is referred to the discipline commission (通许 004 第十六条 N(4))."""

    tiers: list[TierSpec] = list(DEFAULT_TIERS)
    discipline_referral: bool = False


def _fallback(settings: list[FallbackSettingsSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    for spec in settings:
        tiers = [t.tier for t in spec.tiers]
        if len(set(tiers)) != len(tiers):
            yield ErrorDetail("DUPLICATE_CODE", "办不成事层级重复", "fallback.tiers")


FALLBACK = Settings(
    "fallback",
    FallbackSettingsSpec,
    FallbackSettings,
    columns("tiers", "discipline_referral"),
    check=_fallback,
)

__all__ = ["DEFAULT_TIERS", "FALLBACK", "FallbackSettingsSpec", "TierSpec"]
