"""好差评 reads for other domains: a case's review, a window's tally, the county's settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q

from onewindow.tenants.hall.models import Department
from onewindow.tenants.reviews.models import Review, ReviewSettings


def review_settings() -> ReviewSettings:
    """The county's settings, or the defaults when the pack never set them."""
    return ReviewSettings.objects.first() or ReviewSettings()


def get_review(review_id: int) -> Review:
    return Review.objects.select_related("case__department", "window").get(pk=review_id)


def is_reviewed(case_id: int) -> bool:
    return Review.objects.filter(case_id=case_id).exists()


def responsible_department(review: Review) -> Department | None:
    """Who answers a 差评: the case's department; for a visit, the window's lead (or first)
    department; with neither, nobody (the centre itself answers)."""
    if review.case_id is not None:
        return review.case.department  # type: ignore[union-attr]
    if review.window is not None:
        return review.window.lead_department or review.window.departments.first()
    return None


def tally_by_window(start: dt.date, end: dt.date, windows: Iterable[str]) -> list[dict[str, object]]:
    """Per window, the reviews created in [start, end]: ``total`` and ``bad`` (差评)."""
    return list(
        Review.objects.filter(created_at__date__range=(start, end), window__code__in=list(windows))
        .values("window__code")
        .annotate(total=Count("id"), bad=Count("id", filter=Q(level__lte=2)))
    )
