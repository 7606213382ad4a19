import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse


class ExportJob(models.Model):
    """A file export prepared in the background for one user; only that user sees or downloads it."""

    class Status(models.TextChoices):
        PENDING = "pending", "排队中"
        RUNNING = "running", "正在生成"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导出人", on_delete=models.CASCADE, related_name="export_jobs"
    )
    kind = models.CharField("导出类型", max_length=64)
    params = models.JSONField("筛选条件", default=dict, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.PENDING)
    rows_total = models.PositiveIntegerField("总行数", default=0)
    rows_done = models.PositiveIntegerField("已导出行数", default=0)
    file = models.FileField("文件", upload_to="exports/%Y/%m/", blank=True)
    filename = models.CharField("下载文件名", max_length=200, blank=True)
    error = models.TextField("错误信息", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "导出任务"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_at"])]  # the purge of old files

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}（{self.get_status_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("exports:job-detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return 100 * self.rows_done // self.rows_total if self.rows_total else 0
