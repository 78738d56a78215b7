"""Events of 好差评 that other domains consume (work orders, scoring)."""

from __future__ import annotations

from onewindow.tenants.events import EventData, declare


class BadReview(EventData):
    """A 差评 (level 1–2). ``department`` is the case's (none for a walk-in visit); ``ref`` is
    the review. The reviewer is never named (GB/T 39734)."""

    level: int


BAD_REVIEW = declare(
    "review.bad", BadReview, "差评 recorded: a rectification work order opens; scoring may deduct."
)
