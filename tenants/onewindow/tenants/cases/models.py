"""Cases and what happens to them. Fields and constraints only; every write is in services."""

from __future__ import annotations

from django.db import models

from onewindow.tenants.catalog.models import Bundle, ServiceItem
from onewindow.tenants.hall.models import Department, Window


class ApplicantKind(models.TextChoices):
    PERSON = "person", "自然人"
    ENTERPRISE = "enterprise", "企业/法人"


class Applicant(models.Model):
    """申请人, stored once per identity number (身份证号 / 统一社会信用代码). The number and phone
    are personal data: masked in every response unless the caller's role may see them, and
    every full read is audited."""

    kind = models.CharField(max_length=16, choices=ApplicantKind.choices)
    name = models.CharField(max_length=100)
    id_number = models.CharField(max_length=32, unique=True)
    phone = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "申请人"

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    WINDOW = "window", "窗口"
    ONLINE = "online", "网上"
    SELF_SERVICE = "self_service", "自助终端"
    ASSISTED = "assisted", "帮办代办"
    MAIL = "mail", "邮寄"


class CaseStatus(models.TextChoices):
    RECEIVED = "received", "已收件"  # materials being checked at the front desk
    CORRECTION_REQUIRED = "correction_required", "一次性告知，待补正"
    REFUSED = "refused", "不予受理"
    ACCEPTED = "accepted", "已受理，审批中"
    APPROVED = "approved", "准予，待出件"
    DENIED = "denied", "不予许可，待出件"
    ISSUED = "issued", "已出件"


OPEN_STATUSES = (CaseStatus.RECEIVED, CaseStatus.CORRECTION_REQUIRED, CaseStatus.ACCEPTED)


class Case(models.Model):
    """办件. ``version`` guards concurrent edits; ``due_on`` is kept current by the services
    (acceptance, pauses, extensions) so due and overdue queries use an index."""

    number = models.CharField(max_length=32, unique=True)
    idempotency_key = models.CharField(max_length=100, unique=True, null=True, blank=True)
    applicant = models.ForeignKey(Applicant, on_delete=models.PROTECT, related_name="cases")
    item = models.ForeignKey(
        ServiceItem, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    bundle = models.ForeignKey(Bundle, null=True, blank=True, on_delete=models.PROTECT, related_name="cases")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="cases")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    window = models.ForeignKey(Window, null=True, blank=True, on_delete=models.PROTECT, related_name="cases")
    clerk_username = models.CharField(max_length=150, blank=True)
    # The item's 审查要点 as checked at intake: [{code: "rp1", point, passed, note}]
    review_checks = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=24, choices=CaseStatus.choices, default=CaseStatus.RECEIVED)
    version = models.PositiveIntegerField(default=1)
    received_at = models.DateTimeField()
    accepted_on = models.DateField(null=True, blank=True)
    promised_days = models.PositiveSmallIntegerField(null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(default=0)
    due_on = models.DateField(null=True, blank=True, db_index=True)
    paused = models.BooleanField(default=False)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decision_reason = models.TextField(blank=True)
    refusal_reason = models.TextField(blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "办件"
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["status", "department"]),
            models.Index(fields=["status", "due_on"]),
            # 领导驾驶舱's weekly counts read the last weeks by these (EXPLAIN: tests/perf/bench_dashboard.py)
            models.Index(fields=["received_at"], name="case_received_at"),
            models.Index(fields=["decided_at"], name="case_decided_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(item__isnull=False) | models.Q(bundle__isnull=False),
                name="case_item_or_bundle",
            )
        ]

    def __str__(self) -> str:
        return self.number


class MaterialState(models.TextChoices):
    PROVIDED = "provided", "已提交"
    MISSING = "missing", "缺少"
    IRREGULAR = "irregular", "不规范"
    TOLERATED = "tolerated", "容缺"
    EXEMPT = "exempt", "免提交"


class CaseMaterial(models.Model):
    """A material of the item's list as checked at intake (by the item material's code)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="materials")
    code = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    state = models.CharField(max_length=16, choices=MaterialState.choices)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["case", "code"], name="case_material_code")]

    def __str__(self) -> str:
        return str(f"{self.case_id} {self.name} {self.state}")


class CorrectionNotice(models.Model):
    """一次性告知书: every missing or irregular material, with how to fix it — one notice."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notices")
    number = models.CharField(max_length=40, unique=True)
    entries = models.JSONField()  # [{code, name, problem, fix}]
    issued_at = models.DateTimeField()
    issued_by = models.CharField(max_length=150)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["issued_at"]

    def __str__(self) -> str:
        return str(self.number)


class CommitmentKind(models.TextChoices):
    TOLERANCE = "tolerance", "容缺受理"
    PLEDGE = "pledge", "告知承诺"


class CommitmentState(models.TextChoices):
    OPEN = "open", "待履行"
    FULFILLED = "fulfilled", "已履行"
    BROKEN = "broken", "未履行"


class Commitment(models.Model):
    """容缺受理 / 告知承诺 (003 二(二)4): what the applicant promised at acceptance and the
    working day by which (county calendar). One row per tolerated material, one per pledge;
    watched by the county's ``commitment`` chains until fulfilled or broken."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="commitments")
    kind = models.CharField(max_length=16, choices=CommitmentKind.choices)
    material_code = models.CharField(max_length=64, blank=True)  # 容缺: the tolerated material
    content = models.CharField(max_length=300)  # the material's name, or what was pledged
    due_on = models.DateField()
    state = models.CharField(max_length=16, choices=CommitmentState.choices, default=CommitmentState.OPEN)
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150)
    closed_at = models.DateTimeField(null=True, blank=True)  # fulfilled or broken
    closed_by = models.CharField(max_length=150, blank=True)  # "system": broken by the overdue sweep
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "承诺（容缺、告知承诺）"
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["state", "due_on"], name="commitment_state_due")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "material_code"],
                condition=~models.Q(material_code=""),
                name="commitment_one_per_material",
            )
        ]

    def __str__(self) -> str:
        return str(f"{self.get_kind_display()} {self.case_id} → {self.due_on}")


class PauseKind(models.TextChoices):
    CORRECTION = "correction", "补正"
    HEARING = "hearing", "听证"
    TESTING = "testing", "检验检测"
    EXPERT_REVIEW = "expert_review", "专家评审"
    SITE_INSPECTION = "site_inspection", "现场勘验"


class CasePause(models.Model):
    """计时暂停: the days from ``started_on`` to ``ended_on`` (inclusive) do not count."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(max_length=20, choices=PauseKind.choices)
    reason = models.CharField(max_length=300, blank=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(ended_on__isnull=True), name="one_open_pause"
            )
        ]

    def __str__(self) -> str:
        return str(f"{self.kind} {self.started_on}–{self.ended_on or ''}")


class ExtensionStatus(models.TextChoices):
    REQUESTED = "requested", "待批准"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"


class Extension(models.Model):
    """延期: requested by the department, approved by a manager."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField()
    reason = models.TextField()
    status = models.CharField(
        max_length=16, choices=ExtensionStatus.choices, default=ExtensionStatus.REQUESTED
    )
    requested_by = models.CharField(max_length=150)
    decided_by = models.CharField(max_length=150, blank=True)
    requested_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(f"延期 {self.days} {self.status}")


class Handover(models.Model):
    """流转交接: materials handed from the front desk to a department (bundles: to each)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handovers")
    from_window = models.CharField(max_length=64, blank=True)
    to_department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    handed_at = models.DateTimeField()
    handed_by = models.CharField(max_length=150)

    def __str__(self) -> str:
        return str(f"{self.case_id} → {self.to_department_id}")


class Delivery(models.TextChoices):
    PICKUP = "pickup", "窗口领取"
    SELF_PRINT = "self_print", "自助打印"
    EXPRESS = "express", "政务快递"


class Issuance(models.Model):
    """出件登记: how and when the result reached the applicant."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="issuance")
    window = models.ForeignKey(Window, on_delete=models.PROTECT, related_name="+")
    delivery = models.CharField(max_length=16, choices=Delivery.choices)
    tracking_number = models.CharField(max_length=50, blank=True)
    issued_at = models.DateTimeField()
    issued_by = models.CharField(max_length=150)
    delivered_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(f"{self.case_id} {self.delivery}")


class ResultHandover(models.Model):
    """结果流转交接 (000 第九条): the approving department hands the result to the 综合出件
    window, which receives it. ``due_on`` is the last working day it may arrive (the pack's
    ``cases.result_handover_within_days`` after the decision; null: the county sets no limit);
    ``late`` is set once, by a late hand-over or by the sweep, with the event scoring reads."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="result_handover")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    due_on = models.DateField(null=True, blank=True)
    handed_at = models.DateTimeField(null=True, blank=True)
    handed_by = models.CharField(max_length=150, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    received_by = models.CharField(max_length=150, blank=True)
    window = models.ForeignKey(Window, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    late = models.BooleanField(default=False)

    class Meta:
        verbose_name = "结果流转交接"
        indexes = [
            # the sweep: not yet handed, not yet late, past due
            models.Index(
                fields=["due_on"],
                condition=models.Q(handed_at__isnull=True, late=False),
                name="result_handover_pending",
            )
        ]

    def __str__(self) -> str:
        return str(f"{self.case_id} {self.department_id} → 出件窗口")


class CaseSettings(models.Model):
    """The county's case settings (policy pack ``cases``; one row, absent: the spec's defaults)."""

    result_handover_within_days = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "办件设置"

    def __str__(self) -> str:
        return f"结果流转时限: {self.result_handover_within_days}"
