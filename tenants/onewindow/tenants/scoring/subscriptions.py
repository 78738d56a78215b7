"""What a rule's ``events`` may name, and which business events each name listens to.

A rule names a catalog event directly (``review.bad``), or one of the names the presets have
always used (``bad_review`` …), kept here as subscriptions: the event plus the data that makes
a recorded row count (a reminder counts only from a level with the ``score`` action; a rule's
``chains`` narrow it to those chains). Each event names its department, window and staff
member where known; the rule set's subject kind picks which one answers.
``review_ratio`` is no event: it measures the 差评 share of a window, or of a department,
from the reviews domain.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from onewindow.tenants.cases.events import ISSUANCE_BYPASSED
from onewindow.tenants.catalogchanges.events import CATALOG_CHANGE_REPORTED
from onewindow.tenants.escalation.events import REMINDER_FIRED
from onewindow.tenants.events import EventType, event_type, known_event_names
from onewindow.tenants.fallback.events import COMPLAINT_SUBSTANTIATED, REPEAT_VISITS_REPORTED
from onewindow.tenants.reviews.events import BAD_REVIEW


@dataclass(frozen=True)
class Subscription:
    event: EventType[Any]
    when: Mapping[str, Any] = field(default_factory=dict)  # data values a row must have to count


SUBSCRIPTIONS: dict[str, Subscription] = {
    "issuance_bypass": Subscription(ISSUANCE_BYPASSED),
    "complaint_substantiated": Subscription(COMPLAINT_SUBSTANTIATED),
    "bad_review": Subscription(BAD_REVIEW),
    "reminder_overdue": Subscription(REMINDER_FIRED, {"score": True}),
    "catalog_report_late": Subscription(CATALOG_CHANGE_REPORTED, {"reported_late": True}),
    "repeat_visits": Subscription(REPEAT_VISITS_REPORTED),
}
REVIEW_RATIO = "review_ratio"  # measured per window or department, not listened to


def subscription(name: str) -> Subscription | None:
    """What a rule listening to ``name`` counts; None for a measurement or an unknown name."""
    if name in SUBSCRIPTIONS:
        return SUBSCRIPTIONS[name]
    event = event_type(name)
    return Subscription(event) if event is not None else None


def rule_event_names() -> frozenset[str]:
    """Every name a rule set's ``events`` may use; validation refuses any other."""
    return frozenset(SUBSCRIPTIONS) | known_event_names() | {REVIEW_RATIO}
