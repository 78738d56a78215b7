"""Erlang C against hand-computed values, and the statistics of a hand-made day."""

from __future__ import annotations

import math

import pytest

from onewindow.tenants.queueing.staffing import erlang_c, mean_wait, share_within, windows_needed


def test_erlang_c_by_hand() -> None:
    # A = 2 erlangs. B(1)=2/3, B(2)=2·(2/3)/(2+4/3)=2/5, B(3)=2·(2/5)/(3+4/5)=4/19.
    # C(3,2) = 3·(4/19) / (3 − 2·(15/19)) = (12/19)/(27/19) = 4/9.
    assert erlang_c(3, 2.0) == pytest.approx(4 / 9)
    # B(4)=2·(4/19)/(4+8/19)=2/21; C(4,2) = 4·(2/21)/(4 − 2·(19/21)) = (8/21)/(46/21) = 4/23.
    assert erlang_c(4, 2.0) == pytest.approx(4 / 23)
    # one window: C(1, A) = A (the M/M/1 utilisation)
    assert erlang_c(1, 0.5) == pytest.approx(0.5)
    assert erlang_c(2, 2.0) == 1.0 and erlang_c(3, 0) == 0.0


def test_service_level_and_wait_by_hand() -> None:
    # 12 arrivals an hour, 10 minutes each: A = 2. With 3 windows, 4/9 wait; the wait beyond
    # t is C·e^{−(c−A)·t/S}: within 5 minutes 1 − (4/9)·e^{−0.5}.
    assert share_within(3, 2.0, 5, 10) == pytest.approx(1 - 4 / 9 * math.exp(-0.5))
    assert mean_wait(3, 2.0, 10) == pytest.approx(4 / 9 * 10 / 1)  # C·S/(c−A) = 4.44 minutes
    assert share_within(2, 2.0, 5, 10) == 0.0


def test_windows_needed() -> None:
    # 80% within 5 minutes at A = 2: 3 windows give 1 − 0.4444·0.6065 = 0.730, 4 give
    # 1 − 0.1739·e^{−1} = 0.936 → 4.
    assert windows_needed(12, 10, 5, 0.8) == 4
    # at 60%, 3 windows (0.730) suffice
    assert windows_needed(12, 10, 5, 0.6) == 3
    assert windows_needed(0, 10, 5, 0.8) == 0
    # a light load still needs one window
    assert windows_needed(1, 10, 5, 0.8) == 1
