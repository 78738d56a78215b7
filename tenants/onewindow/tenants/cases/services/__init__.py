"""Every change to a case: one function per business act, one transaction, one audit event.

Callers pass the ``version`` they saw; a case changed in between is refused (CONCURRENT_EDIT)
and nothing changes. Dates are county dates (``clock.today()``); deadlines are working days on
the county calendar, the acceptance day not counted, paused intervals skipped.

One module per stage (intake, acceptance, commitments, processing, handover, issuance); the
names below are the public ones, importable from here. 好差评 lives in ``onewindow.tenants.reviews``.
"""

from __future__ import annotations

from onewindow.tenants.cases.services.acceptance import accept_case
from onewindow.tenants.cases.services.commitments import (
    Pledge,
    break_commitment,
    break_overdue_commitments,
    fulfil_commitment,
)
from onewindow.tenants.cases.services.handover import flag_late_handovers, hand_over_result, receive_result
from onewindow.tenants.cases.services.intake import (
    RIGHTS_NOTICE,
    ApplicantInput,
    issue_correction_notice,
    receive_case,
    refuse_case,
    resubmit_materials,
)
from onewindow.tenants.cases.services.issuance import confirm_delivery, issue_result
from onewindow.tenants.cases.services.processing import (
    decide_case,
    decide_extension,
    pause_clock,
    request_extension,
    resume_clock,
)

__all__ = [
    "RIGHTS_NOTICE",
    "ApplicantInput",
    "Pledge",
    "accept_case",
    "break_commitment",
    "break_overdue_commitments",
    "confirm_delivery",
    "decide_case",
    "decide_extension",
    "flag_late_handovers",
    "fulfil_commitment",
    "hand_over_result",
    "issue_correction_notice",
    "issue_result",
    "pause_clock",
    "receive_case",
    "receive_result",
    "refuse_case",
    "request_extension",
    "resubmit_materials",
    "resume_clock",
]
