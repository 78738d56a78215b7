"""Events of escalation that other domains consume (scoring)."""

from __future__ import annotations

from onewindow.tenants.events import EventData, declare


class ReminderFired(EventData):
    """A level of a chain fired on a watched subject (``ref``; ``subject`` is the same as
    ``Type:id``). With ``score`` the level counts against the unit answering for the subject
    (``departments``, ``windows``, ``staff_members``, as that subject's domain registered
    them)."""

    chain: str
    version: int
    level: int
    name: str
    subject: str
    target: str
    late: bool
    score: bool
    response_due_on: str | None
    departments: list[str] = []
    windows: list[str] = []
    staff_members: list[str] = []

    def units(self, kind: str) -> list[str]:
        lists = {"department": self.departments, "window": self.windows, "staff": self.staff_members}
        return list(lists.get(kind, [])) or super().units(kind)


REMINDER_FIRED = declare(
    "escalation.fired",
    ReminderFired,
    "A reminder level fired on any watched subject (case, work order, 办不成事, complaint, catalog change).",
)
