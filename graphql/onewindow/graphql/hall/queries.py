from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Prefetch

from onewindow.graphql.core.permissions import require
from onewindow.graphql.hall.types import (
    DepartmentType,
    ServiceTeamType,
    SiteType,
    StaffMemberType,
    UniversalShareType,
    WindowKindEnum,
    WindowType,
    ZoneType,
)
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.hall import models
from onewindow.tenants.hall.selectors import UniversalShare, universal_window_share
from onewindow.tenants.metrics.models import MetricTarget


def _listed(description: str, of: Any, **args: Any) -> graphene.List:
    return graphene.List(graphene.NonNull(of), required=True, description=description, **args)


class HallQueries(graphene.ObjectType):
    """The hall as configured (live entries only, in the pack's order)."""

    departments = _listed("进驻部门", DepartmentType)
    sites = _listed("服务场所（县、乡镇、村三级）", SiteType)
    zones = _listed("功能分区", ZoneType)
    windows = _listed("窗口", WindowType, kind=WindowKindEnum(), zone=graphene.String())
    staff = _listed("工作人员", StaffMemberType)
    service_teams = _listed("服务团队", ServiceTeamType)
    universal_window_share = graphene.Field(UniversalShareType, required=True)

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_departments(root: Any, info: Any) -> list[models.Department]:
        return list(models.Department.objects.live())

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_sites(root: Any, info: Any) -> list[models.Site]:
        return list(models.Site.objects.live().select_related("parent"))

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_zones(root: Any, info: Any) -> list[models.Zone]:
        return list(models.Zone.objects.live().select_related("site"))

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_windows(
        root: Any, info: Any, kind: Any = None, zone: str | None = None
    ) -> list[models.Window]:
        qs = (
            models.Window.objects.live()
            .select_related("zone__site", "lead_department")
            .prefetch_related("departments")
        )
        if kind is not None:
            qs = qs.filter(kind=getattr(kind, "value", kind))
        if zone:
            qs = qs.filter(zone__code=zone)
        return list(qs)

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_staff(root: Any, info: Any) -> list[models.StaffMember]:
        return list(models.StaffMember.objects.live().select_related("department", "window"))

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_service_teams(root: Any, info: Any) -> list[models.ServiceTeam]:
        return list(
            models.ServiceTeam.objects.live()
            .select_related("lead_department")
            .prefetch_related(
                # the roster link joined in: the same statements whether or not members have one
                Prefetch("members", queryset=models.TeamMember.objects.select_related("staff"))
            )
        )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_universal_window_share(root: Any, info: Any) -> UniversalShare:
        target = (
            MetricTarget.objects.live()
            .filter(code="universal_window_share")
            .values_list("target", flat=True)
            .first()
        )
        return universal_window_share(target)
