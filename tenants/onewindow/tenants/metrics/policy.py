"""The metrics' slice of the policy pack: the county's targets (``metric_targets``), one entry
per metric of the provincial catalog, e.g. ``{code: online_full_rate, target: 85}``."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from onewindow.platform.benchmarks.catalog import catalog_entries
from onewindow.platform.core.errors import ErrorDetail
from onewindow.tenants.metrics.models import MetricTarget
from onewindow.tenants.policy.base import Code, PackContext, Slice, Strict, columns


class MetricTargetSpec(Strict):
    code: Code  # the metric's code in the catalog
    target: float = Field(ge=0, le=100000)
    note: str = ""


def _targets(targets: list[MetricTargetSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    kinds = {e["code"]: e["kind"] for e in catalog_entries()}
    for i, target in enumerate(targets):
        if target.code not in kinds:
            yield ErrorDetail("UNKNOWN_METRIC", f"指标目录中没有 {target.code}", f"metric_targets[{i}].code")
        elif kinds[target.code] == "rate" and target.target > 100:
            yield ErrorDetail(
                "INVALID_VALUE", "比率类指标的目标是百分数，不能超过 100", f"metric_targets[{i}].target"
            )


METRIC_TARGETS = Slice(
    "metric_targets", MetricTargetSpec, MetricTarget, columns("target", "note"), check=_targets
)

__all__ = ["METRIC_TARGETS", "MetricTargetSpec"]
