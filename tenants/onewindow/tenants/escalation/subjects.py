"""What escalation may watch, registered by the domain that owns each subject type.

Escalation knows no subject's model: a domain registers its subject type (``"Case"`` …) with
how to name the departments answering for one (for the reminder event scoring reads) and, if its
chains may hand a subject up (the ``handover`` action), how to do that. Domains register in
their ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Units:
    """Who answers for a subject, by code: its departments and, where the subject's domain
    knows them, the window and the staff member (so a rule set scoring windows or staff can
    attribute a reminder as well as one scoring departments)."""

    departments: tuple[str, ...] = ()
    windows: tuple[str, ...] = ()
    staff: tuple[str, ...] = ()


@dataclass(frozen=True)
class WatchedSubject:
    kind: str  # how events refer to it: ``case``, ``work_order`` …
    units: Callable[[str], Units]  # subject id → who answers for it
    hand_up: Callable[[str], bool] | None = None  # subject id → moved to the next tier?


_SUBJECTS: dict[str, WatchedSubject] = {}


def register_subject(
    subject_type: str,
    *,
    kind: str,
    units: Callable[[str], Units],
    hand_up: Callable[[str], bool] | None = None,
) -> None:
    _SUBJECTS[subject_type] = WatchedSubject(kind, units, hand_up)


def watched_subject(subject_type: str) -> WatchedSubject | None:
    return _SUBJECTS.get(subject_type)
