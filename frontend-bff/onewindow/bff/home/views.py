"""The role-aware home page of a county (``/c/<code>/``) and the county picker on the platform."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from onewindow.bff.pages import me, page, permissions, query, render_page

_READ_ONLY = {"county.view", "county.manage_tokens", "county.view_dashboard"}


@page
def home(request: HttpRequest) -> HttpResponse:
    perms = permissions(request)
    if "county.view_dashboard" in perms and not perms - _READ_ONLY:
        return redirect("bff:dashboard")  # 领导: the dashboard is the whole of their work here
    member = me(request).get("staffMember") or {}
    department = (member.get("department") or {}).get("code")
    counts = query(request, "home/overview", department=department)
    tiles = []
    if "case.intake" in perms:
        tiles += [
            ("待受理", counts["waiting"]["totalCount"], "bff:intake", False),
            ("待补正", counts["correction"]["totalCount"], "bff:intake", False),
        ]
    if perms & {"case.decide", "case.process"}:
        tiles.append(
            (
                "待审批" + ("（本部门）" if department else ""),
                counts["inbox"]["totalCount"],
                "bff:approvals",
                False,
            )
        )
    if "case.issue" in perms:
        tiles.append(("待出件", counts["ready"]["totalCount"], "bff:issuance", False))
    if perms & {"case.manage", "case.decide"}:
        tiles.append(("已超期", counts["overdue"]["totalCount"], "bff:manage-overdue", True))
    return render_page(request, "bff/home/home.html", {"title": "我的工作台", "tiles": tiles})


@page
def county_picker(request: HttpRequest) -> HttpResponse:
    """After login on the platform host: the counties the user belongs to (one: go straight in)."""
    me = query(request, "shell/platform")["me"] or {}
    memberships = me.get("memberships") or []
    counties = [m for m in memberships if m["countyCode"]]
    on_platform = any(not m["countyCode"] for m in memberships)
    if len(counties) == 1 and not on_platform:
        return redirect(f"/c/{counties[0]['countyCode']}/")
    return render_page(
        request,
        "bff/home/picker.html",
        {"title": "选择县", "counties": counties, "on_platform": on_platform},
    )
