"""帮办代办 (乌审旗 003 二(三)3 and 附件2; 温岭 002 帮办代办区): the network of sites with their
agents, item lists and responsibility lists (policy pack), the assisted requests with every step,
hand-overs between levels, inspections for the 8个统一 and the complaints (moved here from
``workorders``; the table stays)."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models

from onewindow.tenants.cases.models import Case
from onewindow.tenants.catalog.models import ServiceItem
from onewindow.tenants.hall.models import ConfigEntity, Site, StaffMember


class AgentKind(models.TextChoices):
    """003 二(三)3: 融合苏木镇包村干部、驻村第一书记、嘎查村（社区）“三委”班子、大学生村官力量."""

    TOWNSHIP_CADRE = "township_cadre", "包村干部"
    FIRST_SECRETARY = "first_secretary", "驻村第一书记"
    VILLAGE_COMMITTEE = "village_committee", "三委班子成员"
    COLLEGE_GRADUATE = "college_graduate", "大学生村官"
    FULL_TIME = "full_time", "专职代办员"  # the centres' own staff (附件2 第一条 指派专门人员)


class AssistMode(models.TextChoices):
    """003 二(一)2: 委托受理 (the site takes it for the competent level) / 授权办理 (handled here)."""

    ENTRUSTED = "entrusted", "委托受理"
    AUTHORISED = "authorised", "授权办理"


class AssistanceSettings(models.Model):
    """The county's numbers (one row; absent: the spec's defaults). JSON as the pack has it."""

    min_agents = models.JSONField(default=dict)  # {county, township, village}
    handover_within_days = models.JSONField(default=dict)  # {village, township}: working days
    deliver_within_days = models.PositiveSmallIntegerField(default=2)
    complaint_within_days = models.PositiveSmallIntegerField(null=True, blank=True, default=None)
    satisfied_from = models.PositiveSmallIntegerField(default=4)

    class Meta:
        verbose_name = "帮办代办设置"

    def __str__(self) -> str:
        return "帮办代办设置"


class AssistanceSite(ConfigEntity):
    """A site's 帮办代办 network entry: its agents, item list and 代办员责任清单."""

    site = models.OneToOneField(Site, on_delete=models.PROTECT, related_name="assistance")
    responsibilities = ArrayField(models.TextField(), default=list, blank=True)

    class Meta(ConfigEntity.Meta):
        verbose_name = "帮办代办站点"


class SiteAgent(models.Model):
    network = models.ForeignKey(AssistanceSite, on_delete=models.CASCADE, related_name="agents")
    position = models.PositiveIntegerField(default=0)
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=AgentKind.choices)

    class Meta:
        ordering = ["network", "position"]

    def __str__(self) -> str:
        return f"{self.staff_id} {self.kind}"


class SiteItem(models.Model):
    network = models.ForeignKey(AssistanceSite, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    item = models.ForeignKey(ServiceItem, on_delete=models.PROTECT, related_name="+")
    mode = models.CharField(max_length=12, choices=AssistMode.choices)

    class Meta:
        ordering = ["network", "position"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.mode}"


class Criterion(models.TextChoices):
    """003 二(三)3 "8个统一"."""

    WINDOW = "window", "有帮办代办窗口"
    AGENTS = "agents", "有代办人员"
    EQUIPMENT = "equipment", "有办公设备"
    GUIDE = "guide", "有办事指南"
    ITEM_LIST = "item_list", "有帮办代办事项清单"
    RESPONSIBILITIES = "responsibilities", "有代办员责任清单"
    RULES = "rules", "有制度机制"
    LEDGER = "ledger", "有工作台账"


# the criteria the data cannot show: recorded by inspection, with evidence and the date
INSPECTED = (Criterion.EQUIPMENT, Criterion.GUIDE, Criterion.RULES)


class SiteInspection(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    criterion = models.CharField(max_length=20, choices=Criterion.choices)
    met = models.BooleanField()
    evidence = models.TextField()
    checked_on = models.DateField()
    inspector = models.CharField(max_length=150)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["site", "criterion", "-checked_on", "-id"]
        verbose_name = "8个统一检查记录"

    def __str__(self) -> str:
        return f"{self.site_id} {self.criterion} {self.checked_on}"


class RequestStatus(models.TextChoices):
    TAKEN = "taken", "已受托"
    IN_TRANSIT = "in_transit", "移交中，待接收"
    AT_SITE = "at_site", "已接收"
    SUBMITTED = "submitted", "已报件审批"
    RETURNING = "returning", "结果返还中"
    DELIVERED = "delivered", "已送达"
    EVALUATED = "evaluated", "已评价"


OPEN_REQUEST_STATUSES = (
    RequestStatus.TAKEN,
    RequestStatus.IN_TRANSIT,
    RequestStatus.AT_SITE,
    RequestStatus.SUBMITTED,
    RequestStatus.RETURNING,
)


class AssistanceRequest(models.Model):
    """帮办代办委托 (附件2 第五条): taken at a site or at home by an agent, with a 委托书 and a
    回执; ``case`` is the county's case once received (the link lives here: cases knows nothing
    of this domain)."""

    number = models.CharField(max_length=32, unique=True)
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    current_site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    agent = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    applicant_name = models.CharField(max_length=100)
    applicant_phone = models.CharField(max_length=20, blank=True)
    applicant_id_number = models.CharField(max_length=32, blank=True)
    at_home = models.BooleanField("上门", default=False)
    home_address = models.CharField(max_length=200, blank=True)
    items = models.ManyToManyField(ServiceItem, related_name="+")
    materials = ArrayField(models.CharField(max_length=100), default=list)
    scope = models.CharField(max_length=8, default="full")  # full / part (全程 / 部分委托)
    consent = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=RequestStatus.choices, default=RequestStatus.TAKEN)
    version = models.PositiveIntegerField(default=1)
    taken_at = models.DateTimeField()
    step_due_on = models.DateField(null=True, blank=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    result_note = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    delivery_method = models.CharField(max_length=16, blank=True)
    delivery_on_time = models.BooleanField(null=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    rating_method = models.CharField(max_length=16, blank=True)
    rating_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-taken_at", "-id"]
        indexes = [models.Index(fields=["site", "taken_at"], name="assist_site_taken_idx")]
        verbose_name = "帮办代办委托"

    def __str__(self) -> str:
        return self.number


class StepKind(models.TextChoices):
    TAKEN = "taken", "受托（填写委托书，出具回执）"
    HANDED_OVER = "handed_over", "移交"
    ACKNOWLEDGED = "acknowledged", "接收确认"
    SUBMITTED = "submitted", "县级窗口收件"
    RESULT_RETURNING = "result_returning", "结果交代办员返还"
    DELIVERED = "delivered", "送达确认"
    EVALUATED = "evaluated", "回访评议"


class RequestStep(models.Model):
    """Every step of a request: when, where, who."""

    request = models.ForeignKey(AssistanceRequest, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=20, choices=StepKind.choices)
    at = models.DateTimeField()
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    person = models.CharField(max_length=150)
    note = models.TextField(blank=True)
    due_on = models.DateField(null=True, blank=True)
    on_time = models.BooleanField(null=True)

    class Meta:
        ordering = ["request", "at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind}"


class Handover(models.Model):
    """A hand-over between levels: the materials list, acknowledged item by item by the receiver."""

    request = models.ForeignKey(AssistanceRequest, on_delete=models.CASCADE, related_name="handovers")
    from_site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    to_site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    materials = ArrayField(models.CharField(max_length=100))
    handed_at = models.DateTimeField()
    handed_by = models.CharField(max_length=150)
    due_on = models.DateField(null=True, blank=True)
    on_time = models.BooleanField(null=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["request", "handed_at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.to_site_id}"


class AssistanceComplaint(models.Model):
    """帮办代办投诉 (乌审旗 003 附件2 第六条): investigated within the pack's working days (3),
    the result returned to the complainant. No limit in the pack: no ``due_on``."""

    number = models.CharField(max_length=40, unique=True)
    complainant_name = models.CharField(max_length=100)
    complainant_phone = models.CharField(max_length=20, blank=True)
    agent = models.CharField("被投诉的帮办代办员", max_length=100)
    case_number = models.CharField(max_length=40, blank=True)
    content = models.TextField()
    received_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    finding = models.TextField(blank=True)
    substantiated = models.BooleanField(null=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    request = models.ForeignKey(
        AssistanceRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="complaints"
    )

    class Meta:
        db_table = "workorders_assistancecomplaint"
        ordering = ["-received_on", "-id"]
        verbose_name = "帮办代办投诉"

    def __str__(self) -> str:
        return self.number
