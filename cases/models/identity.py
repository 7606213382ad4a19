"""Custody of reporter identity: a reasoned request, a leader's approval, and a record of every view."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from cases.models.reports import Report
from common.append_only import AppendOnlyModel


class IdentityRequest(models.Model):
    """A staff member asks to see one report's reporter identity; a commission leader approves or refuses."""

    class Status(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已批准"
        REFUSED = "refused", "未批准"

    report = models.ForeignKey(Report, verbose_name="举报", on_delete=models.PROTECT, related_name="identity_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField("申请理由")
    requested_at = models.DateTimeField("申请时间", default=timezone.now)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.TextField("审批意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "举报人身份查看申请"
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["report", "requested_by", "status"])]

    def __str__(self) -> str:
        return f"{self.report.number} 身份查看申请（{self.get_status_display()}）"


class IdentityView(AppendOnlyModel):
    """One showing of a reporter's identity: who, when, which report, under which approved request.

    Append-only: the model, its queryset and (on PostgreSQL) a trigger refuse any change or deletion.
    """

    request = models.ForeignKey(IdentityRequest, verbose_name="申请", on_delete=models.PROTECT, related_name="views")
    report = models.ForeignKey(Report, verbose_name="举报", on_delete=models.PROTECT, related_name="identity_views")
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="查看人", on_delete=models.PROTECT, related_name="+"
    )
    viewed_at = models.DateTimeField("查看时间", default=timezone.now)
    # The approved reason, copied so the log reads on its own whatever happens to the request later.
    reason = models.TextField("批准的理由")

    class Meta:
        verbose_name = verbose_name_plural = "举报人身份查看记录"
        ordering = ["-viewed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.report.number} {self.viewed_at:%Y-%m-%d %H:%M}"
