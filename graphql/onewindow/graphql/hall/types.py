from __future__ import annotations

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from onewindow.tenants.hall import models
from onewindow.tenants.hall.selectors import posted_under_a_year

WindowKindEnum = graphene.Enum.from_enum(models.WindowKind, description="窗口类型")
ZoneKindEnum = graphene.Enum.from_enum(models.ZoneKind, description="分区类型")
SiteLevelEnum = graphene.Enum.from_enum(models.SiteLevel, description="场所层级")


class TeamShape(graphene.Enum):
    """团队形态"""

    ONE_ONE_ONE_X = models.TeamShape.ONE_ONE_ONE_X.value
    COORDINATION_GROUP = models.TeamShape.COORDINATION_GROUP.value
    OTHER = models.TeamShape.OTHER.value

    @property
    def description(self) -> str:
        return str(models.TeamShape(self.value).label)


TeamRoleEnum = graphene.Enum.from_enum(models.TeamRole, description="团队角色")


class DepartmentType(DjangoObjectType):
    class Meta:
        model = models.Department
        name = "Department"
        fields = ("code", "name", "short_name")


class SiteType(DjangoObjectType):
    level = SiteLevelEnum(required=True)
    parent_code = graphene.String()

    class Meta:
        model = models.Site
        name = "Site"
        fields = ("code", "name", "level")

    @staticmethod
    def resolve_parent_code(root: models.Site, info: Any) -> str | None:
        return root.parent.code if root.parent else None


class ZoneType(DjangoObjectType):
    kind = ZoneKindEnum(required=True)
    site = graphene.Field(SiteType, required=True)

    class Meta:
        model = models.Zone
        name = "Zone"
        fields = ("code", "name", "kind", "site")


class WindowType(DjangoObjectType):
    kind = WindowKindEnum(required=True)
    value_domain = graphene.String(description="增值服务领域（项目/政策/金融/人才/法治/科创/开放/数据）")
    zone = graphene.Field(ZoneType, required=True)
    lead_department = graphene.Field(DepartmentType)
    departments = graphene.List(graphene.NonNull(DepartmentType), required=True)
    categories = graphene.List(graphene.NonNull(graphene.String), required=True)

    class Meta:
        model = models.Window
        name = "Window"
        fields = ("code", "name", "kind", "zone", "lead_department", "categories")

    @staticmethod
    def resolve_value_domain(root: models.Window, info: Any) -> str | None:
        return root.value_domain or None

    @staticmethod
    def resolve_departments(root: models.Window, info: Any) -> list[models.Department]:
        return list(root.departments.all())


class StaffMemberType(DjangoObjectType):
    roles = graphene.List(graphene.NonNull(graphene.String), required=True)
    grade = graphene.String()
    department = graphene.Field(DepartmentType)
    window_code = graphene.String()
    posted_under_a_year = graphene.Boolean(
        required=True, description="派驻不满一年（乌审旗 001 §15 要求至少一年）"
    )

    class Meta:
        model = models.StaffMember
        name = "StaffMember"
        fields = ("code", "name", "roles", "department", "posted_since", "title")

    @staticmethod
    def resolve_grade(root: models.StaffMember, info: Any) -> str | None:
        return root.grade or None

    @staticmethod
    def resolve_window_code(root: models.StaffMember, info: Any) -> str | None:
        return root.window.code if root.window else None

    @staticmethod
    def resolve_posted_under_a_year(root: models.StaffMember, info: Any) -> bool:
        return posted_under_a_year(root)


class TeamMemberType(DjangoObjectType):
    role = TeamRoleEnum(required=True)
    staff_code = graphene.String(description="对应花名册中的工作人员编码（如有）")

    class Meta:
        model = models.TeamMember
        name = "TeamMember"
        fields = ("role", "name", "title")

    @staticmethod
    def resolve_staff_code(root: models.TeamMember, info: Any) -> str | None:
        return root.staff.code if root.staff is not None else None


class ServiceTeamType(DjangoObjectType):
    shape = TeamShape(required=True)
    lead_department = graphene.Field(DepartmentType)
    members = graphene.List(graphene.NonNull(TeamMemberType), required=True)

    class Meta:
        model = models.ServiceTeam
        name = "ServiceTeam"
        fields = ("code", "name", "shape", "service_domain", "lead_department", "duties")

    @staticmethod
    def resolve_members(root: models.ServiceTeam, info: Any) -> list[models.TeamMember]:
        return list(root.members.all())


class UniversalShareType(graphene.ObjectType):
    """县级政务服务中心的无差别综合窗口占其综合窗口（无差别 + 分领域）的比例（乌审旗 001 二(6)：
    设置比例不低于80%）。乡镇、村的窗口不计入。"""

    class Meta:
        name = "UniversalWindowShare"

    universal = graphene.Int(required=True, description="中心的无差别综合窗口数")
    comprehensive = graphene.Int(required=True, description="中心的综合窗口数")
    share = graphene.Float(description="0–1；没有综合窗口时为空")
    target = graphene.Float(description="本县目标（%，政策包 metric_targets）；未设为空")
    meets_target = graphene.Boolean(description="是否达到目标；未设目标或没有综合窗口时为空")
