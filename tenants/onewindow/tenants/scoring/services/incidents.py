"""Incidents: recorded by hand, or collected from the business events a rule listens to."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from django.db import transaction
from pydantic import ValidationError

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, NotFound
from onewindow.tenants.audit.selectors import recorded_between
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.reviews.selectors import tally_by_department, tally_by_window
from onewindow.tenants.scoring.models import (
    Incident,
    RuleSet,
)
from onewindow.tenants.scoring.services import evidence as evidence_files
from onewindow.tenants.scoring.services.rule_sets import (
    latest_definition,
    rule_codes,
    rule_set_named,
    subjects_of,
)
from onewindow.tenants.scoring.subscriptions import REVIEW_RATIO, Subscription, subscription

log = logging.getLogger(__name__)


@transaction.atomic
def record_incident(
    rule_set: str,
    *,
    rule: str,
    subject: str,
    occurred_on: dt.date,
    count: float = 1,
    base: float = 0,
    note: str = "",
    evidence: list[str] | None = None,
    files: list[evidence_files.Upload] | None = None,
    actor: object | None,
) -> Incident:
    """考核记录 by a recorder: the subject, the rule, the date, a note and evidence — names or
    links (``evidence``) and uploaded files (``files``, stored in the county's folder)."""
    the_set = rule_set_named(rule_set)
    definition = latest_definition(the_set) or {}
    if rule not in rule_codes(definition):
        raise BusinessError("UNKNOWN_RULE", f"细则中没有 {rule}", field="rule")
    if subject not in subjects_of(the_set.subject, definition):
        raise NotFound(f"考核对象 {subject}", field="subject")
    if count <= 0:
        raise BusinessError("INVALID_VALUE", "次数或数值须大于 0", field="count")
    if base < 0:
        raise BusinessError("INVALID_VALUE", "分母不能小于 0", field="base")
    uploads = list(files or [])
    kinds = evidence_files.check(uploads)
    incident = Incident.objects.create(
        rule_set=the_set,
        rule=rule,
        subject=subject,
        occurred_on=occurred_on,
        count=Decimal(str(count)),
        base=Decimal(str(base)),
        note=note.strip(),
        evidence=list(evidence or []),
        recorder=actor if isinstance(actor, str) else str(getattr(actor, "username", "system")),
        created_at=clock.now(),
    )
    stored = evidence_files.store(incident, uploads, kinds) if uploads else []
    try:
        if stored:
            incident.evidence = incident.evidence + stored
            incident.save(update_fields=["evidence"])
        record_event(
            "scoring.incident_recorded",
            incident,
            actor=actor,
            data={"rule": rule, "subject": subject, "files": len(uploads)},
        )
    except Exception:
        # the files are on disk before the rows commit: a failure here takes them back too
        evidence_files.remove(stored)
        raise
    return incident


def collect_automatic_incidents(
    rule_set: RuleSet, definition: dict[str, Any], start: dt.date, end: dt.date
) -> int:
    """Turn the business events a rule listens to (bypassed issuance, substantiated complaints,
    差评, overdue reminders …) into incidents, once per cause (the event's audit row). Each event
    names its own units: the rule set's subject kind picks which (department, window, staff)."""
    made = 0
    rules = (
        [r for c in definition["categories"] for r in c["rules"]]
        + definition.get("bonuses", [])
        + definition.get("vetoes", [])
    )
    subjects = set(subjects_of(rule_set.subject, definition))
    for rule in rules:
        for name in rule.get("events", []):
            if name == REVIEW_RATIO:
                if rule_set.subject in ("window", "department"):
                    made += _measure_reviews(rule_set, rule["code"], subjects, start, end)
                continue
            listened = subscription(name)
            if listened is not None:
                made += _from_events(listened, rule_set, rule, subjects, start, end)
    return made


def _from_events(
    listened: Subscription,
    rule_set: RuleSet,
    the_rule: dict[str, Any],
    subjects: set[str],
    start: dt.date,
    end: dt.date,
) -> int:
    made, rule = 0, the_rule["code"]
    chains = set(the_rule.get("chains") or [])
    for row in recorded_between(listened.event.name, start, end, **listened.when):
        try:
            data = listened.event.read(row.data)
        except ValidationError:
            log.warning("audit row %s is no valid %s; not scored", row.pk, listened.event.name)
            continue
        if chains and hasattr(data, "chain") and data.chain not in chains:
            continue  # the rule counts reminders of its own chains only (other events: all)
        for code in data.units(rule_set.subject):
            if code not in subjects:
                continue
            _, created = Incident.objects.get_or_create(
                cause=f"audit:{row.pk}:{rule}:{code}",
                defaults={
                    "rule_set": rule_set,
                    "rule": rule,
                    "subject": code,
                    "occurred_on": row.occurred_at.astimezone(clock.COUNTY_TZ).date(),
                    "note": f"自动：{row.action}",
                    "recorder": "system",
                    "created_at": clock.now(),
                },
            )
            made += created
    return made


def _measure_reviews(rule_set: RuleSet, rule: str, units: set[str], start: dt.date, end: dt.date) -> int:
    """差评 per window (or per department: the reviews of its cases and of the windows it leads)
    in the period as one measurement: count = 差评, base = all reviews."""
    made = 0
    if rule_set.subject == "window":
        tally = [{**r, "code": r["window__code"]} for r in tally_by_window(start, end, units)]
    else:
        tally = [{**r, "code": r["department__code"]} for r in tally_by_department(start, end, units)]
    for row in tally:
        _, created = Incident.objects.update_or_create(
            cause=f"ratio:{rule}:{row['code']}:{start.isoformat()}",
            defaults={
                "rule_set": rule_set,
                "rule": rule,
                "subject": row["code"],
                "occurred_on": end,
                "count": row["bad"] or 0,
                "base": row["total"],
                "note": "自动：好差评统计",
                "recorder": "system",
                "created_at": clock.now(),
            },
        )
        made += created
    return made
