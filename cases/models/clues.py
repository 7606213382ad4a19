"""Problem clues (问题线索) with their disposition, and their transfer (转办) to a township commission or group."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from cases.models.reports import Category, Report
from orgs.models import Unit


class Clue(models.Model):
    """A problem clue: from an accepted report, or from an inspection or a case; disposed of by a leader's approval."""

    class Disposition(models.TextChoices):
        INQUIRY = "inquiry", "谈话函询"
        VERIFICATION = "verification", "初步核实"
        HOLD = "hold", "暂存待查"
        CLOSE = "close", "予以了结"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "拟处置待审批"
        APPROVED = "approved", "处置已批准"
        TRANSFERRED = "transferred", "已转办"
        CONCLUDED = "concluded", "已办结"

    number = models.CharField("线索编号", max_length=20, unique=True)
    report = models.OneToOneField(
        Report, verbose_name="来源举报", null=True, blank=True, on_delete=models.PROTECT, related_name="clue"
    )
    # Where a clue came from without a report (an inspection finding, a case): recorded by kind and id, no import.
    source_kind = models.CharField("其他来源", max_length=32, blank=True)
    source_id = models.PositiveBigIntegerField("来源编号", null=True, blank=True)
    category = models.CharField("问题类别", max_length=32, choices=Category.choices)
    accused_name = models.CharField("被反映人", max_length=50)
    accused_unit = models.ForeignKey(
        Unit, verbose_name="被反映人单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accused_position = models.CharField("职务", max_length=100, blank=True)
    summary = models.TextField("问题摘要")
    disposition = models.CharField("处置方式", max_length=16, choices=Disposition.choices)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="拟办人", on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField("拟办时间", default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)
    conclusion = models.TextField("办结情况", blank=True)
    concluded_at = models.DateTimeField("办结时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "问题线索"
        ordering = ["-proposed_at", "-id"]
        # The clue list's order (read backwards), and its status filter in that order.
        indexes = [
            models.Index(fields=["proposed_at", "id"], name="clue_list"),
            models.Index(fields=["status", "proposed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.number}（{self.accused_name}）"


class Transfer(models.Model):
    """A clue sent down to a township commission or a stationed discipline group, with a deadline for the result."""

    class Status(models.TextChoices):
        PENDING = "pending", "待办理"
        ANSWERED = "answered", "已报结果"
        CLOSED = "closed", "已办结"

    clue = models.ForeignKey(Clue, verbose_name="线索", on_delete=models.PROTECT, related_name="transfers")
    to_unit = models.ForeignKey(Unit, verbose_name="承办单位", on_delete=models.PROTECT, related_name="transfers")
    instructions = models.TextField("办理要求")
    deadline = models.DateField("办理期限")
    result_required = models.BooleanField("查报结果", default=True)
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="转办人", on_delete=models.PROTECT, related_name="+"
    )
    transferred_at = models.DateTimeField("转办时间", default=timezone.now)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.PENDING)
    result = models.TextField("办理结果", blank=True)
    result_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报告人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    result_at = models.DateTimeField("报告时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "线索转办"
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["to_unit", "status"]), models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.clue.number} → {self.to_unit.name}"
