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


class CommitmentBroken(EventData):
    """``department`` is the case's; ``automatic``: broken by the overdue sweep, else recorded."""

    kind: str  # tolerance (容缺) / pledge (告知承诺)
    content: str
    due_on: str
    automatic: bool


COMMITMENT_BROKEN = declare(
    "commitment.broken",
    CommitmentBroken,
    "A 容缺 material or a 告知承诺 was not fulfilled by its due day (003 二(二)4): a rule set may take it.",
)


class ResultHandoverLate(EventData):
    """``department`` is the deciding department's; ``handed``: false when the sweep found the
    result still not at the 综合出件 window after its due day."""

    due_on: str
    handed: bool


RESULT_HANDOVER_LATE = declare(
    "result.handover_late",
    ResultHandoverLate,
    "A result reached the 综合出件 window after the county's limit, or had not reached it by then "
    "(000 第九条; 附件3 第6项 未及时将办理结果送达到出件窗口).",
)
