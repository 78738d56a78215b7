"""Events of the case domain that other domains consume."""

from __future__ import annotations

from onewindow.tenants.events import EventData, declare


class IssuanceBypassed(EventData):
    """``department`` is the case's; ``window`` the window that tried to issue; ``staff`` the
    staff member who tried (when the login is on the roster)."""

    window_kind: str


ISSUANCE_BYPASSED = declare(
    "issuance.bypassed",
    IssuanceBypassed,
    "A result was about to leave through a window other than 综合出件 (refused, on record; 000 附件3 第6项).",
)
