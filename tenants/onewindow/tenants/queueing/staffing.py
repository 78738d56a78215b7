"""Erlang C (M/M/c): the fewest open windows that serve a chosen share of applicants within the
target wait, from the measured arrival rate and service time (004 第十七条: adjust windows by
volume and waiting time)."""

from __future__ import annotations

import math

MAX_WINDOWS = 200


def erlang_c(windows: int, load: float) -> float:
    """P(wait > 0) with ``windows`` servers and ``load`` erlangs (arrival rate × service time);
    1 when the windows cannot keep up (windows ≤ load)."""
    if load <= 0:
        return 0.0
    if windows <= load:
        return 1.0
    blocking = 1.0  # Erlang B by its recursion: B(0) = 1, B(k) = A·B(k-1) / (k + A·B(k-1))
    for k in range(1, windows + 1):
        blocking = load * blocking / (k + load * blocking)
    return windows * blocking / (windows - load * (1 - blocking))


def share_within(windows: int, load: float, target_minutes: float, service_minutes: float) -> float:
    """The share of applicants who wait at most ``target_minutes``."""
    if load <= 0:
        return 1.0
    if windows <= load:
        return 0.0
    return 1 - erlang_c(windows, load) * math.exp(-(windows - load) * target_minutes / service_minutes)


def mean_wait(windows: int, load: float, service_minutes: float) -> float:
    """Expected wait in minutes (infinite when the windows cannot keep up)."""
    if load <= 0:
        return 0.0
    if windows <= load:
        return math.inf
    return erlang_c(windows, load) * service_minutes / (windows - load)


def windows_needed(
    arrivals_per_hour: float, service_minutes: float, target_minutes: float, share: float
) -> int:
    """The fewest windows for which ``share`` of applicants wait at most ``target_minutes``."""
    if arrivals_per_hour <= 0:
        return 0
    load = arrivals_per_hour * service_minutes / 60
    windows = max(1, math.floor(load) + 1)
    while windows < MAX_WINDOWS and share_within(windows, load, target_minutes, service_minutes) < share:
        windows += 1
    return windows
