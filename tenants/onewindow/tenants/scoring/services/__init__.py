"""Incidents, periods, closing, posting, objections, finalising, the annual roll-up.

Closing a period aggregates its incidents with one GROUP BY query (never a loop per incident),
scores every subject with the version in force when the period opened, ranks with ties and
stores the table. Automatic incidents come from the business events a rule listens to (see
``scoring.subscriptions``), once per cause.

One module per concern; the names below are the public ones, importable from here.
"""

from __future__ import annotations

from onewindow.tenants.scoring.services.evidence import Upload
from onewindow.tenants.scoring.services.evidence import read as read_evidence
from onewindow.tenants.scoring.services.incidents import collect_automatic_incidents, record_incident
from onewindow.tenants.scoring.services.periods import (
    bounds,
    close_period,
    decide_objection,
    file_objection,
    finalize_period,
    open_period,
)
from onewindow.tenants.scoring.services.reports import annual, awards, summary, trend
from onewindow.tenants.scoring.services.rule_sets import latest_definition, subjects_of, write_rule_sets

__all__ = [
    "Upload",
    "annual",
    "awards",
    "bounds",
    "close_period",
    "collect_automatic_incidents",
    "decide_objection",
    "file_objection",
    "finalize_period",
    "latest_definition",
    "open_period",
    "read_evidence",
    "record_incident",
    "subjects_of",
    "summary",
    "trend",
    "write_rule_sets",
]
