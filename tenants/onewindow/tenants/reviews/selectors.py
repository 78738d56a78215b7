"""好差评 reads for other domains: a case's review, a window's tally, the county's settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q

from onewindow.tenants.hall.models import Department, Window
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


def tally_by_department(start: dt.date, end: dt.date, departments: Iterable[str]) -> list[dict[str, object]]:
    """Per department, the reviews created in [start, end]: ``total`` and ``bad`` (差评),
    attributed as :func:`responsible_department` does (a visit's review to its window's lead,
    or first, department). One GROUP BY, and one read per window reviewed without a case."""
    wanted = set(departments)
    rows = (
        Review.objects.filter(created_at__date__range=(start, end))
        .values("case__department__code", "window_id")
        .annotate(total=Count("id"), bad=Count("id", filter=Q(level__lte=2)))
    )
    of_window: dict[int, str | None] = {}
    out: dict[str, dict[str, object]] = {}
    for row in rows:
        code = row["case__department__code"]
        if code is None and row["window_id"] is not None:
            if row["window_id"] not in of_window:
                window = Window.objects.select_related("lead_department").get(pk=row["window_id"])
                found = window.lead_department or window.departments.first()
                of_window[row["window_id"]] = found.code if found else None
            code = of_window[row["window_id"]]
        if code is None or code not in wanted:
            continue
        entry = out.setdefault(code, {"department__code": code, "total": 0, "bad": 0})
        entry["total"] = int(entry["total"]) + row["total"]  # type: ignore[call-overload]
        entry["bad"] = int(entry["bad"]) + row["bad"]  # type: ignore[call-overload]
    return list(out.values())
