"""Reads of the hall other code needs: the universal-window share, postings under a year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from onewindow.platform.core import clock
from onewindow.tenants.hall.models import (
    COMPREHENSIVE_KINDS,
    HallSettings,
    SiteLevel,
    StaffMember,
    Window,
    WindowKind,
)


@dataclass(frozen=True)
class UniversalShare:
    """无差别综合窗口 among the comprehensive windows of the county centre (乌审旗 001 二(6):
    推动旗政务服务中心…分领域综合窗口向无差别综合窗口整合，设置比例不低于80%). Township and village
    windows are not counted: the seed sets the share for the 旗政务服务中心 and only asks the
    townships to extend the mode. ``target`` (per cent) is the county's own, from its pack's
    ``metric_targets`` (None: the county sets none)."""

    universal: int
    comprehensive: int
    target: float | None = None

    @property
    def share(self) -> float | None:
        return round(self.universal / self.comprehensive, 4) if self.comprehensive else None

    @property
    def meets_target(self) -> bool | None:
        if self.target is None or self.share is None:
            return None
        return self.share * 100 >= self.target


def centre_windows() -> QuerySet[Window]:
    """The live windows of the county-level site(s): where 001 二(6) measures the share."""
    return Window.objects.live().filter(zone__site__level=SiteLevel.COUNTY)


def universal_window_share(target: float | None = None) -> UniversalShare:
    counts = centre_windows().aggregate(
        universal=Count("id", filter=Q(kind=WindowKind.UNIVERSAL)),
        comprehensive=Count("id", filter=Q(kind__in=COMPREHENSIVE_KINDS)),
    )
    return UniversalShare(counts["universal"], counts["comprehensive"], target)


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


def hall_settings() -> HallSettings:
    """The county's hall rules (its pack's ``hall``; absent: flag short postings, no direct issuance)."""
    return HallSettings.objects.first() or HallSettings()
