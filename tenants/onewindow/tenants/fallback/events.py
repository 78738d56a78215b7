"""Events of the 办不成事 domain that other domains consume (scoring)."""

from __future__ import annotations

from onewindow.tenants.events import EventData, declare


class ComplaintSubstantiated(EventData):
    """Found true against every department the case involves (``departments``)."""

    departments: list[str]
    finding: str
    score: bool = True

    def units(self, kind: str) -> list[str]:
        return list(self.departments) if kind == "department" else super().units(kind)


class RepeatVisitsReported(EventData):
    """``subject`` is the case number or item code as reported; ``department`` the unit it
    resolves to (none when it names neither); a case also names its ``window`` and clerk
    (``staff``, when on the roster)."""

    subject: str
    visits: int
    note: str
    score: bool = True


COMPLAINT_SUBSTANTIATED = declare(
    "complaint.substantiated",
    ComplaintSubstantiated,
    "A complaint was found true (000 附件3 第7项: −5 each).",
)
REPEAT_VISITS_REPORTED = declare(
    "repeat_visits.reported",
    RepeatVisitsReported,
    "Something doable in one visit took several (通许 004 第十六条 N(4)).",
)
