"""The metric catalog: `metrics.yaml`, shipped with the code, brought into the table by every
migrate. A changed definition is a new version of the metric; nothing is deleted."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from onewindow.platform.benchmarks.models import Metric
from onewindow.platform.core import clock

CATALOG = Path(__file__).with_name("metrics.yaml")
FIELDS = (
    "name",
    "definition",
    "numerator",
    "denominator",
    "kind",
    "aggregation",
    "unit",
    "direction",
    "min_sample",
    "source",
    "breakdown",
)
DEFAULTS = {"aggregation": "sum", "breakdown": False}


@cache
def catalog_entries() -> tuple[dict[str, Any], ...]:
    entries = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    return tuple({**DEFAULTS, **e} for e in entries)


def metric_codes() -> set[str]:
    return {e["code"] for e in catalog_entries()}


@transaction.atomic
def sync_metric_catalog() -> int:
    """Upsert every metric of the catalog; returns how many got a new version."""
    changed = 0
    for position, entry in enumerate(catalog_entries()):
        definition = {f: entry[f] for f in FIELDS}
        metric = Metric.objects.filter(code=entry["code"]).first()
        if metric is None:
            metric = Metric.objects.create(code=entry["code"], position=position, version=1, **definition)
            metric.versions.create(number=1, definition=definition, created_at=clock.now())
            changed += 1
            continue
        current = {f: getattr(metric, f) for f in FIELDS}
        if current != definition or metric.position != position:
            if current != definition:
                metric.version += 1
                metric.versions.create(number=metric.version, definition=definition, created_at=clock.now())
                changed += 1
            for f, v in definition.items():
                setattr(metric, f, v)
            metric.position = position
            metric.save()
    return changed
