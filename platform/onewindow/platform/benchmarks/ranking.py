"""Fair ranking, apart from the database (hand-worked tests in tests/platform/test_ranking.py).

A county with fewer cases than the metric's minimum sample is shown as 样本不足 and not ranked.
Rates are ranked by a confidence bound rather than the raw share, so 3 of 3 on time (Wilson
lower bound 43.9%) does not top 970 of 1,000 (95.8%): higher-is-better rates by the lower bound
of their 95% Wilson interval, lower-is-better ones (差评率) by the upper bound. Means and rates
per 100 are ranked by their value among the counties with enough sample.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

Z = 1.959963984540054  # 95%


def wilson(successes: float, n: float, z: float = Z) -> tuple[float, float]:
    """The Wilson score interval of ``successes`` out of ``n`` (0 ≤ successes ≤ n)."""
    if n <= 0:
        return 0.0, 1.0
    p = min(max(successes / n, 0.0), 1.0)
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Scored:
    value: float | None  # the metric's value (a share 0–1 for rates), None without data
    low: float | None  # the interval shown with a rate
    high: float | None
    sample: float  # the denominator
    eligible: bool  # enough sample to be ranked
    score: float | None  # what the ranking sorts by (bigger is better)


def score(kind: str, direction: str, numerator: float, denominator: float, min_sample: int) -> Scored:
    if denominator <= 0:
        return Scored(None, None, None, 0, False, None)
    value = numerator / denominator * (100 if kind == "per_100" else 1)
    low = high = None
    if kind == "rate":
        low, high = wilson(min(numerator, denominator), denominator)
        key = low if direction == "higher" else -high
    else:
        key = value if direction == "higher" else -value
    eligible = denominator >= min_sample
    return Scored(value, low, high, denominator, eligible, key if eligible else None)


T = TypeVar("T")


def ranks(rows: Sequence[T], key: Callable[[T], float | None]) -> dict[int, int]:
    """Competition ranks (1, 2, 2, 4) by ``key`` descending, for the rows with a key; index → rank."""
    order = sorted((i for i, r in enumerate(rows) if key(r) is not None), key=lambda i: -key(rows[i]))  # type: ignore[operator]
    found: dict[int, int] = {}
    previous: float | None = None
    for position, index in enumerate(order, start=1):
        value = key(rows[index])
        if (
            previous is None
            or value is None
            or not math.isclose(value, previous, rel_tol=1e-12, abs_tol=1e-12)
        ):
            rank = position
        found[index] = rank
        previous = value
    return found


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0–1) with linear interpolation, as spreadsheets compute it."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    lower, upper = math.floor(position), math.ceil(position)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def quartiles(values: Sequence[float]) -> tuple[float, float, float] | None:
    """Q1, median, Q3."""
    if not values:
        return None
    return percentile(values, 0.25), percentile(values, 0.5), percentile(values, 0.75)
