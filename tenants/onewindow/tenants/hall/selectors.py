"""Reads of the hall other code needs: the universal-window share, postings under a year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from onewindow.platform.core import clock
from onewindow.tenants.hall.models import COMPREHENSIVE_KINDS, StaffMember, Window, WindowKind


@dataclass(frozen=True)
class UniversalShare:
    """无差别综合窗口 among comprehensive windows (乌审旗 001 §6 target: at least 80%)."""

    universal: int
    comprehensive: int

    @property
    def share(self) -> float | None:
        return round(self.universal / self.comprehensive, 4) if self.comprehensive else None


def universal_window_share() -> UniversalShare:
    counts = Window.objects.live().aggregate(
        universal=Count("id", filter=Q(kind=WindowKind.UNIVERSAL)),
        comprehensive=Count("id", filter=Q(kind__in=COMPREHENSIVE_KINDS)),
    )
    return UniversalShare(counts["universal"], counts["comprehensive"])


def one_year_before(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def posted_under_a_year(member: StaffMember, today: dt.date | None = None) -> bool:
    """001 §15: 派驻 staff stay at least a year; a shorter posting is flagged."""
    if member.posted_since is None:
        return False
    return member.posted_since > one_year_before(today or clock.today())


def staff_member_for(username: str) -> StaffMember | None:
    """The roster entry of a login (its window and department), if the county lists one."""
    if not username:
        return None
    return StaffMember.objects.live().select_related("department", "window").filter(username=username).first()
