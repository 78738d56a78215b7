"""Fair ranking, by hand: the Wilson bound, the minimum sample, ties."""

from __future__ import annotations

import pytest

from onewindow.platform.benchmarks.ranking import quartiles, ranks, score, wilson


def test_wilson_bounds_worked_by_hand() -> None:
    # 3 of 3: centre (1 + z²/6) / (1 + z²/3) = 0.71925, half-width 0.28075 → [0.4385, 1]
    low, high = wilson(3, 3)
    assert low == pytest.approx(0.4385, abs=1e-4) and high == pytest.approx(1.0)
    # 970 of 1,000: centre 0.971921 / 1.003842 = 0.968202, half-width 0.010705 → [0.9575, 0.9789]
    low, high = wilson(970, 1000)
    assert low == pytest.approx(0.9575, abs=1e-4) and high == pytest.approx(0.9789, abs=1e-4)
    assert wilson(0, 0) == (0.0, 1.0)


def test_three_of_three_does_not_top_970_of_1000() -> None:
    small = score("rate", "higher", 3, 3, min_sample=1)
    large = score("rate", "higher", 970, 1000, min_sample=1)
    assert small.value == 1.0 and large.value == pytest.approx(0.97)
    assert large.score > small.score  # type: ignore[operator]
    rows = [small, large]
    assert ranks(rows, lambda r: r.score) == {1: 1, 0: 2}


def test_below_the_minimum_sample_is_not_ranked() -> None:
    few = score("rate", "higher", 29, 29, min_sample=30)
    assert few.value == 1.0 and not few.eligible and few.score is None
    enough = score("rate", "higher", 20, 30, min_sample=30)
    assert ranks([few, enough], lambda r: r.score) == {1: 1}


def test_lower_is_better_rates_rank_by_the_upper_bound() -> None:
    # 差评率: 0 of 5 has an upper bound of 43.4%; 10 of 1,000 of 1.8%: the large county is better
    small = score("rate", "lower", 0, 5, min_sample=1)
    large = score("rate", "lower", 10, 1000, min_sample=1)
    assert small.high == pytest.approx(0.4345, abs=1e-4) and large.high == pytest.approx(0.0183, abs=1e-4)
    assert large.score > small.score  # type: ignore[operator]


def test_means_and_per_100_rank_by_value_ties_share_a_rank() -> None:
    days = [score("mean", "lower", s, 10, min_sample=5) for s in (30, 20, 20, 50)]
    assert [d.value for d in days] == [3.0, 2.0, 2.0, 5.0]
    assert ranks(days, lambda r: r.score) == {1: 1, 2: 1, 0: 3, 3: 4}
    assert score("per_100", "lower", 7, 200, min_sample=30).value == pytest.approx(3.5)


def test_quartiles_interpolate() -> None:
    assert quartiles([1, 2, 3, 4, 5]) == (2, 3, 4)
    assert quartiles([10, 20]) == (12.5, 15, 17.5)
    assert quartiles([]) is None
