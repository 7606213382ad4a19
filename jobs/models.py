from django.db import models


class JobRun(models.Model):
    """One run of a scheduled job, by beat, by hand or by ``run_job``: what the job-runs page shows."""

    class Status(models.TextChoices):
        RUNNING = "running", "运行中"
        SUCCEEDED = "succeeded", "成功"
        FAILED = "failed", "失败"

    class Trigger(models.TextChoices):
        BEAT = "beat", "定时触发"
        MANUAL = "manual", "手动触发"
        COMMAND = "command", "命令行"

    job = models.CharField("任务", max_length=64)
    run_for = models.DateField("业务日期", help_text="任务按这一天运行（补发时可早于今天）")
    trigger = models.CharField("触发方式", max_length=16, choices=Trigger.choices, default=Trigger.BEAT)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    delivered = models.PositiveIntegerField("送达提醒数", default=0)
    skipped = models.PositiveIntegerField("跳过人数", default=0)
    documents = models.PositiveSmallIntegerField("生成文档数", default=0)
    notes = models.TextField("运行记录", blank=True, help_text="跳过的收件人及原因、未到日期等")
    error = models.TextField("错误信息", blank=True)
    # A task redelivered after its worker died carries the same id: the run it left behind is then closed.
    task_id = models.CharField("后台任务编号", max_length=64, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "任务运行记录"
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["job", "-started_at"], name="jobrun_latest")]

    def __str__(self) -> str:
        return f"{self.job} {self.run_for}（{self.get_status_display()}）"
