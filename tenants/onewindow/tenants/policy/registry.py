"""The slices of the pack, in document and apply order (a slice refers only to those before
it). Adding a domain's slice is one line here; ``policy`` imports no domain module by name."""

from __future__ import annotations

from functools import cache

from django.utils.module_loading import import_string

from onewindow.tenants.policy.base import Slice

SLICES = [
    "onewindow.tenants.hall.policy.DEPARTMENTS",
    "onewindow.tenants.hall.policy.SITES",
    "onewindow.tenants.hall.policy.ZONES",
    "onewindow.tenants.hall.policy.WINDOWS",
    "onewindow.tenants.hall.policy.STAFF",
    "onewindow.tenants.hall.policy.TEAMS",
    "onewindow.tenants.hall.policy.HALL",
    "onewindow.tenants.catalog.policy.ITEMS",
    "onewindow.tenants.catalog.policy.BUNDLES",
    "onewindow.tenants.catalogchanges.policy.CATALOG_CHANGES",
    "onewindow.tenants.workcalendar.policy.CALENDAR_OVERRIDES",
    "onewindow.tenants.escalation.policy.CHAINS",
    "onewindow.tenants.scoring.policy.RULE_SETS",
    "onewindow.tenants.metrics.policy.METRIC_TARGETS",
    "onewindow.tenants.reviews.policy.REVIEWS",
    "onewindow.tenants.fallback.policy.FALLBACK",
    "onewindow.tenants.hotline.policy.HOTLINE",
    "onewindow.tenants.queueing.policy.QUEUES",
    "onewindow.tenants.queueing.policy.QUEUEING",
    "onewindow.tenants.assistance.policy.ASSISTANCE",
    "onewindow.tenants.assistance.policy.ASSISTANCE_SITES",
    "onewindow.tenants.outbox.policy.NOTIFICATIONS",
    "onewindow.tenants.cases.policy.CASES",
    "onewindow.tenants.documents.policy.DOCUMENTS",
]


@cache
def slices() -> tuple[Slice, ...]:
    return tuple(import_string(path) for path in SLICES)


def slice_named(name: str) -> Slice:
    return {s.name: s for s in slices()}[name]


__all__ = ["SLICES", "slice_named", "slices"]
