"""好差评: one review per case (一事一评), one per walk-in visit (一次一评), and the county's
default rating for issued cases left unrated. A 差评 emits ``review.bad``; work orders and
scoring consume it (see ``reviews.events``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import NotFound
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.cases.models import CaseStatus
from onewindow.tenants.cases.selectors import case_for_update, issued_cases
from onewindow.tenants.events import SubjectRef, emit
from onewindow.tenants.hall.models import Window
from onewindow.tenants.reviews.errors import ReviewError
from onewindow.tenants.reviews.events import BAD_REVIEW, BadReview
from onewindow.tenants.reviews.models import Review, ReviewChannel, ReviewSettings
from onewindow.tenants.workcalendar.calendar import WorkingCalendar


def _check_rating(level: int, channel: str) -> None:
    if not 1 <= level <= 5:
        raise ReviewError("INVALID_LEVEL", "评价等级为 1 到 5", field="level")
    if channel not in ReviewChannel.values:
        raise ReviewError("INVALID_CHOICE", "评价渠道无效", field="channel")


@transaction.atomic
def submit_review(
    number: str, *, level: int, channel: str, tags: Iterable[str] = (), text: str = "", actor: object | None
) -> Review:
    """一事一评. A 差评 (levels 1–2) emits ``review.bad`` (its work order opens with it)."""
    case = case_for_update(number)
    if case.parent_id is not None:
        raise ReviewError("REVIEW_THROUGH_BUNDLE", "一件事请对主件评价", field="number")
    if case.status in (CaseStatus.RECEIVED,):
        raise ReviewError("TOO_EARLY", "收件完成后才能评价", field="number")
    if Review.objects.filter(case=case).exists():
        raise ReviewError("ALREADY_REVIEWED", "此办件已评价，每件只能评价一次", field="number")
    _check_rating(level, channel)
    review = Review.objects.create(
        case=case,
        window=case.window,
        level=level,
        channel=channel,
        tags=list(tags),
        text=text.strip(),
        created_at=clock.now(),
    )
    # The reviewer's identity is not passed onward (GB/T 39734): the event names the case only.
    record_event("review.submitted", case, actor="applicant", data={"level": level, "channel": channel})
    if review.is_bad:
        emit(
            BAD_REVIEW,
            case,
            actor="applicant",
            data=BadReview(
                level=level,
                window=case.window.code if case.window else None,
                department=case.department.code,
                ref=SubjectRef(kind="review", id=str(review.pk)),
            ),
        )
    return review


@transaction.atomic
def submit_visit_review(
    visit_ref: str,
    *,
    window: str | None,
    level: int,
    channel: str,
    tags: Iterable[str] = (),
    text: str = "",
    actor: object | None,
) -> Review:
    """现场"一次一评" for a walk-in consultation with no case (the window's 评价器)."""
    if not visit_ref.strip():
        raise ReviewError("REQUIRED", "请给出本次服务的编号（如叫号票号）", field="visit_ref")
    if Review.objects.filter(visit_ref=visit_ref.strip()).exists():
        raise ReviewError("ALREADY_REVIEWED", "本次服务已评价", field="visit_ref")
    _check_rating(level, channel)
    the_window = Window.objects.live().filter(code=window).first() if window else None
    if window and the_window is None:
        raise NotFound(f"窗口 {window}", field="window")
    review = Review.objects.create(
        visit_ref=visit_ref.strip(),
        window=the_window,
        level=level,
        channel=channel,
        tags=list(tags),
        text=text.strip(),
        created_at=clock.now(),
    )
    record_event("review.submitted", review, actor=actor, data={"level": level, "visit": True})
    if review.is_bad:
        emit(
            BAD_REVIEW,
            review,
            actor=actor,
            data=BadReview(level=level, window=window, ref=SubjectRef(kind="review", id=str(review.pk))),
        )
    return review


def apply_default_reviews(today: dt.date | None = None) -> int:
    """The county's default rating for issued cases left unrated N working days (if turned on).
    Each case is rated at most once (one review per case, enforced by the database)."""
    settings = ReviewSettings.objects.first()
    if settings is None or not settings.default_rating_after_days:
        return 0
    today = today or clock.today()
    calendar = WorkingCalendar.for_active_county()
    rated = 0
    for case in issued_cases().filter(review__isnull=True).iterator():
        issued_on = case.issued_at.astimezone(clock.COUNTY_TZ).date()  # type: ignore[union-attr]
        if calendar.add_working_days(issued_on, settings.default_rating_after_days) > today:
            continue
        with transaction.atomic():
            Review.objects.create(
                case=case,
                window=case.window,
                level=settings.default_level,
                channel=ReviewChannel.WEB,
                is_default=True,
                created_at=clock.now(),
            )
            record_event(
                "review.defaulted",
                case,
                actor="system",
                data={"level": settings.default_level, "after_days": settings.default_rating_after_days},
            )
        rated += 1
    return rated
