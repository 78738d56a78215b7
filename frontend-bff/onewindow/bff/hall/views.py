"""县级管理 — the hall (大厅): 场所 (three levels) and 功能分区, 窗口, 进驻部门, 工作人员, 服务团队.

Each kind is listed, created, edited and retired through its entry mutation, and every save is
a new version of the county's pack (``bff/entries.py``). An edit sends what its form shows; the
API keeps every field a form leaves out, so renaming a department keeps its windows and items.
Every page also reads the pack's version: only a county administrator may, so anyone else gets
403 rather than a form they could not save."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, QueryDict

from onewindow.bff.entries import EntryPages, FormProblem, date, many, pack_version, ref, split_list, text
from onewindow.bff.pages import query
from onewindow.bff.templatetags.bff import LABELS, choices


def _common(data: dict[str, Any], title: str) -> dict[str, Any]:
    return {"title": title, "pack_version": pack_version(data)}


# --- 窗口 ---------------------------------------------------------------------------------------------


def _windows(request: HttpRequest) -> dict[str, Any]:
    data = query(request, "hall/windows")
    for w in data["windows"]:
        w["department_codes"] = [d["code"] for d in w["departments"]]
        w["zone_code"] = w["zone"]["code"]
        w["value_domain"] = (w["valueDomain"] or "").lower()
        w["lead_department_code"] = (w["leadDepartment"] or {}).get("code") or ""
    return {
        **_common(data, "窗口"),
        "windows": data["windows"],
        "universal_share": data["universalWindowShare"],
        "zones": data["zones"],
        "departments": data["departments"],
        "kinds": choices("window_kind"),
        "value_domains": VALUE_DOMAINS,
    }


VALUE_DOMAINS = [
    ("project", "项目服务"),
    ("policy", "政策服务"),
    ("finance", "金融服务"),
    ("talent", "人才服务"),
    ("legal", "法治服务"),
    ("innovation", "科创服务"),
    ("opening", "开放服务"),
    ("data", "数据服务"),
]


def _window_input(post: QueryDict) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    text(post, entry, "name", "kind", "zone")
    ref(post, entry, "leadDepartment")
    if "valueDomain" in post:
        # only a 增值服务窗口 has a domain (温岭 002 二(二)); another kind sends none
        domain = post.get("valueDomain", "").strip()
        entry["valueDomain"] = domain if entry.get("kind") == "value_added" and domain else None
    many(post, entry, "departments")
    if "categories" in post:
        entry["categories"] = split_list(post.get("categories", ""))
    return entry


WINDOWS = EntryPages(
    noun="窗口",
    template="bff/hall/windows.html",
    home="bff:hall-windows",
    save_op="hall/save_window",
    retire_op="hall/retire_window",
    read=_windows,
    to_input=_window_input,
    rows="windows",
)


# --- 场所 (县、乡镇、村三级) and 功能分区 -------------------------------------------------------------


def _sites(request: HttpRequest) -> dict[str, Any]:
    data = query(request, "hall/sites")
    sites = data["sites"]
    zones_of: dict[str, int] = {}
    for zone in data["zones"]:
        zones_of[zone["site"]["code"]] = zones_of.get(zone["site"]["code"], 0) + 1
    windows_of: dict[str, int] = {}
    for window in data["windows"]:
        windows_of[window["zone"]["code"]] = windows_of.get(window["zone"]["code"], 0) + 1
    for zone in data["zones"]:
        zone["window_count"] = windows_of.get(zone["code"], 0)
        zone["site_code"] = zone["site"]["code"]
    for site in sites:
        site["zone_count"] = zones_of.get(site["code"], 0)
    return {
        **_common(data, "场所与功能分区"),
        "sites": _as_tree(sites),
        "zones": data["zones"],
        "levels": choices("site_level"),
        "zone_kinds": choices("zone_kind"),
    }


def _as_tree(sites: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """县 → 乡镇 → 村, each under its parent (``depth`` for the indent); the pack's order among
    siblings; a site whose parent is not listed stays at the top."""
    codes = {s["code"] for s in sites}
    children: dict[str | None, list[dict[str, Any]]] = {}
    for site in sites:
        parent = site["parentCode"] if site["parentCode"] in codes else None
        children.setdefault(parent, []).append(site)
    ordered: list[dict[str, Any]] = []

    def walk(parent: str | None, depth: int) -> None:
        for site in children.get(parent, []):
            if any(s is site for s in ordered):
                continue
            site["depth"], site["indent"] = depth, 10 + 24 * depth
            ordered.append(site)
            walk(site["code"], depth + 1)

    walk(None, 0)
    return ordered + [s for s in sites if not any(o is s for o in ordered)]  # a cycle: shown anyway


def _site_input(post: QueryDict) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    text(post, entry, "name", "level")
    ref(post, entry, "parent")
    return entry


def _zone_input(post: QueryDict) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    text(post, entry, "name", "kind", "site")
    return entry


SITES = EntryPages(
    noun="场所",
    template="bff/hall/sites.html",
    home="bff:hall-sites",
    save_op="hall/save_site",
    retire_op="hall/retire_site",
    read=_sites,
    to_input=_site_input,
    rows="sites",
)
ZONES = EntryPages(
    noun="功能分区",
    template="bff/hall/sites.html",
    home="bff:hall-sites",
    save_op="hall/save_zone",
    retire_op="hall/retire_zone",
    read=_sites,
    to_input=_zone_input,
    rows="zones",
    mark="editing_zone",
    param="zone",
)


# --- 进驻部门 -------------------------------------------------------------------------------------------


def _departments(request: HttpRequest) -> dict[str, Any]:
    data = query(request, "hall/departments")
    for department in data["departments"]:
        code = department["code"]
        department["windows"] = [
            w for w in data["windows"] if any(d["code"] == code for d in w["departments"])
        ]
        department["staff_count"] = sum(
            1 for s in data["staff"] if (s["department"] or {}).get("code") == code
        )
    return {**_common(data, "进驻部门"), "departments": data["departments"]}


def _department_input(post: QueryDict) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    text(post, entry, "name", "shortName")
    return entry


DEPARTMENTS = EntryPages(
    noun="部门",
    template="bff/hall/departments.html",
    home="bff:hall-departments",
    save_op="hall/save_department",
    retire_op="hall/retire_department",
    read=_departments,
    to_input=_department_input,
    rows="departments",
)


# --- 工作人员 -------------------------------------------------------------------------------------------


def _staff(request: HttpRequest) -> dict[str, Any]:
    data = query(request, "hall/staff")
    windows = {w["code"]: w["name"] for w in data["windows"]}
    for member in data["staff"]:
        member["window_name"] = windows.get(member["windowCode"] or "", member["windowCode"])
        member["role_codes"] = [r.lower() for r in member["roles"]]
        member["department_code"] = (member["department"] or {}).get("code")
    return {
        **_common(data, "工作人员"),
        "staff": data["staff"],
        "departments": data["departments"],
        "windows": data["windows"],
        "grades": choices("grade"),
        "roles": choices("role"),
        "under_a_year": sum(1 for m in data["staff"] if m["postedUnderAYear"]),
    }


def _staff_input(post: QueryDict) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    text(post, entry, "name", "title")
    ref(post, entry, "grade", "department", "window")
    many(post, entry, "roles")
    date(post, entry, "postedSince")
    return entry


STAFF = EntryPages(
    noun="工作人员",
    template="bff/hall/staff.html",
    home="bff:hall-staff",
    save_op="hall/save_staff_member",
    retire_op="hall/retire_staff_member",
    read=_staff,
    to_input=_staff_input,
    rows="staff",
)


# --- 服务团队 (1+1+1+X, 管理协调小组) ------------------------------------------------------------------

# The API's enum names and the values the input takes differ for one shape only.
SHAPE_VALUES = {"ONE_ONE_ONE_X": "1+1+1+x", "COORDINATION_GROUP": "coordination_group", "OTHER": "other"}
BLANK_MEMBER_ROWS = 3


def _teams(request: HttpRequest) -> dict[str, Any]:
    data = query(request, "hall/teams")
    for team in data["serviceTeams"]:
        team["shape_value"] = SHAPE_VALUES.get(team["shape"], team["shape"])
        team["by_role"] = {
            role: [m for m in team["members"] if m["role"] == role] for role in LABELS["team_role"]
        }
        team["lead_department_code"] = (team["leadDepartment"] or {}).get("code")
        for member in team["members"]:
            member["staff"] = member["staffCode"]  # as the form names it
    return {
        **_common(data, "服务团队"),
        "teams": data["serviceTeams"],
        "departments": data["departments"],
        "staff": data["staff"],
        "shapes": [(value, LABELS["team_shape"][name]) for name, value in SHAPE_VALUES.items()],
        "team_roles": choices("team_role"),
        "blank_rows": range(BLANK_MEMBER_ROWS),
    }


def _team_input(post: QueryDict) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    text(post, entry, "name", "shape", "serviceDomain", "duties")
    ref(post, entry, "leadDepartment")
    if "members_shown" in post:
        # one row per member: role, name, title, staff; a row without a name is left out
        rows = zip(
            post.getlist("member_role"),
            post.getlist("member_name"),
            post.getlist("member_title"),
            post.getlist("member_staff"),
            strict=False,
        )
        members = []
        for role, name, title, staff in rows:
            if not name.strip():
                continue
            if not role:
                raise FormProblem("members", f"请为成员 {name.strip()} 选择角色", "REQUIRED")
            members.append(
                {"role": role, "name": name.strip(), "title": title.strip(), "staff": staff or None}
            )
        entry["members"] = members
    return entry


TEAMS = EntryPages(
    noun="服务团队",
    template="bff/hall/teams.html",
    home="bff:hall-teams",
    save_op="hall/save_service_team",
    retire_op="hall/retire_service_team",
    read=_teams,
    to_input=_team_input,
    rows="teams",
)


windows, save_window, retire_window = WINDOWS.list_view(), WINDOWS.save_view(), WINDOWS.retire_view()
sites, save_site, retire_site = SITES.list_view(ZONES), SITES.save_view(), SITES.retire_view()
save_zone, retire_zone = ZONES.save_view(), ZONES.retire_view()
departments, save_department, retire_department = (
    DEPARTMENTS.list_view(),
    DEPARTMENTS.save_view(),
    DEPARTMENTS.retire_view(),
)
staff, save_staff, retire_staff = STAFF.list_view(), STAFF.save_view(), STAFF.retire_view()
teams, save_team, retire_team = TEAMS.list_view(), TEAMS.save_view(), TEAMS.retire_view()
