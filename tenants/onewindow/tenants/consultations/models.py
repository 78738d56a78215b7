"""A consultation and who answers for it (首问负责), with every hand-on."""

from __future__ import annotations

from django.db import models

from onewindow.tenants.hall.models import StaffMember, Window


class ConsultationChannel(models.TextChoices):
    GUIDE_DESK = "guide_desk", "询导台"
    WINDOW = "window", "窗口"
    PHONE = "phone", "电话"


class ConsultationStatus(models.TextChoices):
    OPEN = "open", "处理中"
    ANSWERED = "answered", "已答复"


class Consultation(models.Model):
    """咨询: ``first_asked`` is the 首问责任人 for good; ``responsible`` answers for it now."""

    number = models.CharField(max_length=32, unique=True)
    asked_at = models.DateTimeField()
    channel = models.CharField(max_length=16, choices=ConsultationChannel.choices)
    window = models.ForeignKey(Window, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    visit_ref = models.CharField("号票", max_length=20, blank=True)  # the ticket's 一次一评 key
    topic = models.TextField("咨询事项")
    applicant_name = models.CharField(max_length=100, blank=True)
    first_asked = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="+", verbose_name="首问责任人"
    )
    responsible = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="+", verbose_name="当前责任人"
    )
    status = models.CharField(
        max_length=16, choices=ConsultationStatus.choices, default=ConsultationStatus.OPEN
    )
    answer = models.TextField("答复", blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-asked_at", "-id"]
        verbose_name = "咨询（首问负责）"

    def __str__(self) -> str:
        return self.number


class Handover(models.Model):
    """One hand-on: from whom, to whom, why, when, recorded by which account."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="handovers")
    from_staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    to_staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("移交理由")
    handed_at = models.DateTimeField()
    recorded_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["handed_at", "id"]
        verbose_name = "首问移交"

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.from_staff_id} → {self.to_staff_id}"
