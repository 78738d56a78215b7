"""The hall's slices of the policy pack: departments, sites, zones, windows, staff, teams, and
the county's hall rules (``hall``: a posting under a year flagged or refused; which item kinds
the deciding window may issue itself)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import Literal

from pydantic import model_validator

from onewindow.platform.core import clock
from onewindow.platform.core.errors import ErrorDetail
from onewindow.tenants.hall.models import (
    TEAM_SHAPE_RULES,
    Department,
    Grade,
    HallSettings,
    ServiceTeam,
    ShortPosting,
    Site,
    SiteLevel,
    StaffMember,
    TeamMember,
    TeamRole,
    TeamShape,
    ValueAddedDomain,
    Window,
    WindowKind,
    Zone,
    ZoneKind,
)
from onewindow.tenants.hall.selectors import one_year_before
from onewindow.tenants.policy.base import (
    Blank,
    Children,
    Code,
    Many,
    PackContext,
    Ref,
    SelfRef,
    Settings,
    Slice,
    Strict,
    Text,
    choice,
    columns,
    unknown,
)


class DepartmentSpec(Strict):
    code: Code
    name: Text
    short_name: str = ""


class SiteSpec(Strict):
    code: Code
    name: Text
    level: choice(SiteLevel)  # type: ignore[valid-type]
    parent: Code | None = None


class ZoneSpec(Strict):
    code: Code
    site: Code
    name: Text
    kind: choice(ZoneKind)  # type: ignore[valid-type]


class WindowSpec(Strict):
    code: Code
    name: Text
    kind: choice(WindowKind)  # type: ignore[valid-type]
    zone: Code
    value_domain: choice(ValueAddedDomain) | None = None  # type: ignore[valid-type]
    lead_department: Code | None = None
    departments: list[Code] = []
    categories: list[Text] = []

    @model_validator(mode="after")
    def _value_domain(self) -> WindowSpec:
        if (self.kind == WindowKind.VALUE_ADDED) != (self.value_domain is not None):
            raise ValueError("value_domain is required for value_added windows and only for them")
        return self


class StaffSpec(Strict):
    code: Code
    name: Text
    roles: list[Text] = []
    grade: choice(Grade) | None = None  # type: ignore[valid-type]
    department: Code | None = None
    posted_since: dt.date | None = None
    window: Code | None = None
    username: str = ""
    title: str = ""


class TeamMemberSpec(Strict):
    role: choice(TeamRole)  # type: ignore[valid-type]
    name: Text
    title: str = ""
    staff: Code | None = None


class TeamSpec(Strict):
    code: Code
    name: Text
    shape: choice(TeamShape)  # type: ignore[valid-type]
    service_domain: str = ""
    lead_department: Code | None = None
    duties: str = ""
    members: list[TeamMemberSpec] = []


class HallSettingsSpec(Strict):
    """大厅规则. ``short_posting``: a 派驻 posting under a year (乌审旗 001 §15) is flagged on the
    roster (``flag``) or the pack refuses it (``refuse``, at ``staff[i].posted_since``).
    ``direct_issuance``: item kinds whose result the window that decided the case may issue
    itself (温岭 002 三(二): ``[immediate]``); empty: every result through the 综合出件 window."""

    short_posting: choice(ShortPosting) = "flag"  # type: ignore[valid-type]
    direct_issuance: list[Literal["immediate", "promised"]] = []


# --- rules beyond the shape ------------------------------------------------------------------------


def _sites(sites: list[SiteSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    known = ctx.codes("sites")
    for i, site in enumerate(sites):
        yield from unknown(site.parent, known, f"sites[{i}].parent", "场所")
        if site.parent == site.code:
            yield ErrorDetail("INVALID_VALUE", "场所不能以自己为上级", f"sites[{i}].parent")


def _zones(zones: list[ZoneSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    known = ctx.codes("sites")
    for i, zone in enumerate(zones):
        yield from unknown(zone.site, known, f"zones[{i}].site", "场所")


def _windows(windows: list[WindowSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    zones, departments = ctx.codes("zones"), ctx.codes("departments")
    for i, window in enumerate(windows):
        yield from unknown(window.zone, zones, f"windows[{i}].zone", "分区")
        yield from unknown(window.lead_department, departments, f"windows[{i}].lead_department", "部门")
        for j, dept in enumerate(window.departments):
            yield from unknown(dept, departments, f"windows[{i}].departments[{j}]", "部门")


def _staff(staff: list[StaffSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    departments, windows = ctx.codes("departments"), ctx.codes("windows")
    refuse = ctx.pack.hall.short_posting == ShortPosting.REFUSE
    since = one_year_before(clock.today())
    for i, member in enumerate(staff):
        yield from unknown(member.department, departments, f"staff[{i}].department", "部门")
        yield from unknown(member.window, windows, f"staff[{i}].window", "窗口")
        if refuse and member.posted_since is not None and member.posted_since > since:
            yield ErrorDetail(
                "POSTED_UNDER_A_YEAR",
                f"{member.name}（{member.code}）{member.posted_since} 进驻，不满 1 年"
                "（派驻人员进驻中心时间不少于1年；本县设为拒绝）",
                f"staff[{i}].posted_since",
            )


def _teams(teams: list[TeamSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    departments, staff = ctx.codes("departments"), ctx.codes("staff")
    for i, team in enumerate(teams):
        yield from unknown(team.lead_department, departments, f"teams[{i}].lead_department", "部门")
        roles = Counter(m.role for m in team.members)
        for role, (low, high) in TEAM_SHAPE_RULES.get(team.shape, {}).items():
            if roles[role] < low or (high is not None and roles[role] > high):
                bound = f"{low}" if low == high else f"至少 {low}"
                yield ErrorDetail(
                    "TEAM_SHAPE", f"{team.shape} 团队须有 {bound} 名 {role}", f"teams[{i}].members"
                )
        allowed = TEAM_SHAPE_RULES.get(team.shape)
        for j, m in enumerate(team.members):
            if allowed is not None and m.role not in allowed:
                yield ErrorDetail(
                    "TEAM_SHAPE", f"{team.shape} 团队没有 {m.role} 角色", f"teams[{i}].members[{j}].role"
                )
            yield from unknown(m.staff, staff, f"teams[{i}].members[{j}].staff", "工作人员")


# --- the slices, in apply order (a slice refers only to those before it) ----------------------------

DEPARTMENTS = Slice("departments", DepartmentSpec, Department, columns("name", "short_name"))
SITES = Slice("sites", SiteSpec, Site, columns("name", "level", parent=SelfRef("sites")), check=_sites)
ZONES = Slice("zones", ZoneSpec, Zone, columns("name", "kind", site=Ref("sites")), check=_zones)
WINDOWS = Slice(
    "windows",
    WindowSpec,
    Window,
    columns(
        "name",
        "kind",
        "categories",
        zone=Ref("zones"),
        value_domain=Blank(),
        lead_department=Ref("departments"),
        departments=Many("departments"),
    ),
    unordered=("departments",),
    check=_windows,
)
STAFF = Slice(
    "staff",
    StaffSpec,
    StaffMember,
    columns(
        "name",
        "roles",
        "posted_since",
        "username",
        "title",
        grade=Blank(),
        department=Ref("departments"),
        window=Ref("windows"),
    ),
    check=_staff,
)
TEAMS = Slice(
    "teams",
    TeamSpec,
    ServiceTeam,
    columns(
        "name",
        "shape",
        "service_domain",
        "duties",
        lead_department=Ref("departments"),
        members=Children(TeamMember, "team", columns("role", "name", "title", staff=Ref("staff"))),
    ),
    check=_teams,
)

HALL = Settings("hall", HallSettingsSpec, HallSettings, columns("short_posting", "direct_issuance"))

__all__ = [
    "DEPARTMENTS",
    "HALL",
    "SITES",
    "STAFF",
    "TEAMS",
    "WINDOWS",
    "ZONES",
    "DepartmentSpec",
    "HallSettingsSpec",
    "SiteSpec",
    "StaffSpec",
    "TeamMemberSpec",
    "TeamSpec",
    "WindowSpec",
    "ZoneSpec",
]
