"""Report periods (week, month, quarter, year) and their Chinese labels."""

from __future__ import annotations

import datetime as dt


def bounds(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    if kind == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if kind == "month":
        start = day.replace(day=1)
        return start, (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    if kind == "quarter":
        month = 3 * ((day.month - 1) // 3) + 1
        start = day.replace(month=month, day=1)
        following = dt.date(start.year + (month == 10), 1 if month == 10 else month + 3, 1)
        return start, following - dt.timedelta(days=1)
    if kind == "year":
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    raise ValueError(kind)


def previous(kind: str, start: dt.date) -> tuple[dt.date, dt.date]:
    return bounds(kind, start - dt.timedelta(days=1))


def label(kind: str, start: dt.date) -> str:
    if kind == "week":
        year, week, _ = start.isocalendar()
        return f"{year}年第{week}周"
    if kind == "month":
        return f"{start.year}年{start.month}月"
    if kind == "quarter":
        return f"{start.year}年第{(start.month - 1) // 3 + 1}季度"
    return f"{start.year}年"
