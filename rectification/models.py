from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone

from orgs.models import Unit


class Problem(models.Model):
    """A problem to rectify (问题清单), owned by a unit; where it came from is a kind and an id, no import."""

    class Source(models.TextChoices):
        SELF_INSPECTION = "self_inspection", "自查"
        INSPECTION = "inspection", "明察暗访"
        CASE = "case", "一案一建议"
        TOUR = "tour", "巡察"
        SURVEY = "survey", "满意度测评"
        SUPERVISION = "supervision", "监督检查"

    class Status(models.TextChoices):
        PENDING = "pending", "待整改"
        IN_PROGRESS = "in_progress", "整改中"
        ACCEPTANCE_REQUESTED = "acceptance_requested", "申请验收"
        CLOSED = "closed", "已验收销号"
        FIXED_AT_ONCE = "fixed_at_once", "立行立改"

    unit = models.ForeignKey(Unit, verbose_name="责任单位", on_delete=models.PROTECT, related_name="problems")
    title = models.CharField("问题", max_length=200)
    description = models.TextField("问题描述")
    source = models.CharField("来源", max_length=32, choices=Source.choices)
    source_id = models.PositiveBigIntegerField("来源编号", null=True, blank=True)
    deadline = models.DateField("整改时限", null=True, blank=True)
    status = models.CharField("状态", max_length=32, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "问题清单"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "status"]), models.Index(fields=["source", "source_id"])]

    def __str__(self) -> str:
        return f"{self.unit.name}：{self.title}"


auditlog.register(Problem)
