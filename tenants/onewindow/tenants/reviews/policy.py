"""好差评's slice of the policy pack: the review settings (moves with ReviewSettings to the
``reviews`` domain)."""

from __future__ import annotations

from pydantic import Field

from onewindow.tenants.policy.base import Settings, Strict, columns
from onewindow.tenants.reviews.models import ReviewSettings


class ReviewSettingsSpec(Strict):
    """好差评 settings: a default rating for unrated cases after N working days (off: null)."""

    default_rating_after_days: int | None = Field(default=None, ge=1, le=60)
    default_level: int = Field(default=4, ge=1, le=5)
    callback_days: int = Field(default=1, ge=1, le=10)  # 差评: callback and verification
    rectification_days: int = Field(default=15, ge=1, le=60)  # 差评: rectification reported


REVIEWS = Settings(
    "reviews",
    ReviewSettingsSpec,
    ReviewSettings,
    columns("default_rating_after_days", "default_level", "callback_days", "rectification_days"),
)

__all__ = ["REVIEWS", "ReviewSettingsSpec"]
