"""Places and people of a county's service centre. Every row has a stable ``code`` (the key a
policy pack uses), a ``position`` (its place in the pack's list) and ``retired_at`` (retired
rows keep their history and leave every list)."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models


class ConfigQuerySet(models.QuerySet):
    def live(self) -> ConfigQuerySet:
        return self.filter(retired_at__isnull=True)


class ConfigEntity(models.Model):
    code = models.CharField(max_length=64, unique=True)
    position = models.PositiveIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)

    objects = ConfigQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {getattr(self, 'name', '')}".strip()


class Department(ConfigEntity):
    """进驻部门, e.g. 市场监督管理局."""

    name = models.CharField(max_length=100)
    short_name = models.CharField(max_length=30, blank=True)

    class Meta(ConfigEntity.Meta):
        verbose_name = "进驻部门"


class SiteLevel(models.TextChoices):
    COUNTY = "county", "县级政务服务中心"
    TOWNSHIP = "township", "乡镇（苏木镇）便民服务中心"
    VILLAGE = "village", "村（嘎查、社区）便民服务站"


class Site(ConfigEntity):
    """服务场所: the county centre, a township centre or a village station (乌审旗 三级联动)."""

    name = models.CharField(max_length=100)
    level = models.CharField(max_length=16, choices=SiteLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta(ConfigEntity.Meta):
        verbose_name = "服务场所"


class ZoneKind(models.TextChoices):
    GUIDANCE = "guidance", "诉求询导区/咨询服务区"
    INTAKE = "intake", "综合受理区"
    BACK_OFFICE = "back_office", "后台审批区"
    ASSISTANCE = "assistance", "帮办代办区"
    ENTERPRISE = "enterprise", "服务企业专区"
    SELF_SERVICE = "self_service", "自助服务区"
    WAITING = "waiting", "休息等候区"
    DISCLOSURE = "disclosure", "政务公开专区"
    INVESTMENT = "investment", "投资项目一站式中心"
    OTHER = "other", "其他"


class Zone(ConfigEntity):
    """功能分区 of a site."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="zones")
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=ZoneKind.choices)

    class Meta(ConfigEntity.Meta):
        verbose_name = "功能分区"


class WindowKind(models.TextChoices):
    UNIVERSAL = "universal", "无差别综合窗口"
    DOMAIN = "domain", "分领域综合窗口"
    BUNDLE = "bundle", "一件事一次办窗口"
    ISSUANCE = "issuance", "综合出件窗口"
    FALLBACK = "fallback", "办不成事反映（兜底）窗口"
    COMPLAINT = "complaint", "有诉即办窗口"
    VALUE_ADDED = "value_added", "增值服务窗口"
    ASSISTANCE = "assistance", "帮办代办窗口"
    DEPARTMENT = "department", "部门专窗"


# Windows that take any applicant's business at the front desk (the 综窗 family).
COMPREHENSIVE_KINDS = (WindowKind.UNIVERSAL, WindowKind.DOMAIN)


class ValueAddedDomain(models.TextChoices):
    """温岭 002 二(二): the eight value-added service windows."""

    PROJECT = "project", "项目服务"
    POLICY = "policy", "政策服务"
    FINANCE = "finance", "金融服务"
    TALENT = "talent", "人才服务"
    LEGAL = "legal", "法治服务"
    INNOVATION = "innovation", "科创服务"
    OPENING = "opening", "开放服务"
    DATA = "data", "数据服务"


class Window(ConfigEntity):
    """窗口: belongs to a zone (and so a site), serves business categories and departments."""

    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=WindowKind.choices)
    value_domain = models.CharField(max_length=16, choices=ValueAddedDomain.choices, blank=True)
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="windows")
    lead_department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="led_windows"
    )
    departments = models.ManyToManyField(Department, blank=True, related_name="windows")
    categories = ArrayField(models.CharField(max_length=50), default=list, blank=True)

    class Meta(ConfigEntity.Meta):
        verbose_name = "窗口"


class Grade(models.TextChoices):
    """001 §12: 综合窗口 初/中/高 岗位等级."""

    JUNIOR = "junior", "初级"
    INTERMEDIATE = "intermediate", "中级"
    SENIOR = "senior", "高级"


class StaffMember(ConfigEntity):
    """工作人员 on the hall's roster (an account, if any, is linked by username)."""

    name = models.CharField(max_length=50)
    roles = ArrayField(models.CharField(max_length=32), default=list, blank=True)
    grade = models.CharField(max_length=16, choices=Grade.choices, blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    posted_since = models.DateField(null=True, blank=True)
    window = models.ForeignKey(Window, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff")
    username = models.CharField(max_length=150, blank=True)
    title = models.CharField("职务", max_length=100, blank=True)

    class Meta(ConfigEntity.Meta):
        verbose_name = "工作人员"


class TeamShape(models.TextChoices):
    ONE_ONE_ONE_X = "1+1+1+x", "1+1+1+X 服务团队（温岭）"
    COORDINATION_GROUP = "coordination_group", "管理协调小组（乌审旗）"
    OTHER = "other", "其他"


class ServiceTeam(ConfigEntity):
    """服务团队: a routing target. 1+1+1+X: lead department, leader in charge, chief service
    officer, X officers (002 三(一)); a coordination group: leader, deputies, members (000 附件1)."""

    name = models.CharField(max_length=100)
    shape = models.CharField(max_length=24, choices=TeamShape.choices)
    service_domain = models.CharField(max_length=50, blank=True)
    lead_department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="teams"
    )
    duties = models.TextField(blank=True)

    class Meta(ConfigEntity.Meta):
        verbose_name = "服务团队"


class TeamRole(models.TextChoices):
    LEADER_IN_CHARGE = "leader_in_charge", "分管领导"
    CHIEF_OFFICER = "chief_officer", "首席服务专员"
    OFFICER = "officer", "服务专员"
    LEADER = "leader", "组长"
    DEPUTY = "deputy", "副组长"
    MEMBER = "member", "成员"


# What each shape requires: role -> (min, max); None = unbounded.
TEAM_SHAPE_RULES: dict[str, dict[str, tuple[int, int | None]]] = {
    TeamShape.ONE_ONE_ONE_X: {
        TeamRole.LEADER_IN_CHARGE: (1, 1),
        TeamRole.CHIEF_OFFICER: (1, 1),
        TeamRole.OFFICER: (0, None),
    },
    TeamShape.COORDINATION_GROUP: {
        TeamRole.LEADER: (1, 1),
        TeamRole.DEPUTY: (0, None),
        TeamRole.MEMBER: (0, None),
    },
}


class TeamMember(models.Model):
    team = models.ForeignKey(ServiceTeam, on_delete=models.CASCADE, related_name="members")
    position = models.PositiveIntegerField(default=0)
    role = models.CharField(max_length=24, choices=TeamRole.choices)
    name = models.CharField(max_length=50)
    title = models.CharField(max_length=100, blank=True)
    staff = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "团队成员"

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"


class ShortPosting(models.TextChoices):
    """What a 派驻 posting shorter than a year does (乌审旗 001 §15: 派驻人员进驻中心时间不少于1年)."""

    FLAG = "flag", "标记提醒"
    REFUSE = "refuse", "拒绝保存"


class HallSettings(models.Model):
    """The county's hall rules (one row; absent: the spec's defaults). ``direct_issuance`` lists
    the item kinds (``immediate`` …) the window that decided a case may issue its result itself
    (温岭 002 三(二): 对即办件，当场办结后由窗口直接发证送达); every other result leaves through
    the 综合出件 window (统一窗口出件), as before."""

    short_posting = models.CharField(max_length=8, choices=ShortPosting.choices, default=ShortPosting.FLAG)
    direct_issuance = ArrayField(models.CharField(max_length=16), default=list, blank=True)

    class Meta:
        verbose_name = "大厅规则"

    def __str__(self) -> str:
        return "大厅规则"
