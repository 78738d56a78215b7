"""领导驾驶舱: the county's figures in one read (``county.view_dashboard``)."""

from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.permissions import require
from onewindow.graphql.dashboard.types import DashboardType
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.dashboard.selectors import Dashboard, dashboard

MAX_WEEKS = 52
MAX_TOP = 50


class DashboardQueries(graphene.ObjectType):
    dashboard = graphene.Field(
        DashboardType,
        required=True,
        weeks=graphene.Int(default_value=12, description="逐周趋势的周数（1–52），含本周"),
        top=graphene.Int(default_value=10, description="排名取前几名（1–50）"),
        description="领导驾驶舱：本周收件、办结、超期，按时办结率，好评率，办不成事与差评工单的日龄，最近排名，逐周趋势",
    )

    @staticmethod
    @require(Perm.DASHBOARD_VIEW)
    def resolve_dashboard(root: Any, info: Any, weeks: int = 12, top: int = 10) -> Dashboard:
        if not 1 <= weeks <= MAX_WEEKS:
            raise BusinessError("INVALID_VALUE", f"weeks 必须在 1 到 {MAX_WEEKS} 之间", field="weeks")
        if not 1 <= top <= MAX_TOP:
            raise BusinessError("INVALID_VALUE", f"top 必须在 1 到 {MAX_TOP} 之间", field="top")
        return dashboard(weeks=weeks, top=top)
