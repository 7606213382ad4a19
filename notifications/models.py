from django.conf import settings
from django.db import models


class Notification(models.Model):
    """One reminder delivered to one user; the row is also the exactly-once delivery record.

    The unique key (recipient, job, period, subject) is what makes a job safe to run twice, from two beats at once,
    or again after a worker died half-way: the database refuses the second copy, whoever inserts it.
    """

    class EmailStatus(models.TextChoices):
        PENDING = "pending", "待发送"
        SENT = "sent", "已发送"
        FAILED = "failed", "发送失败"
        SKIPPED = "skipped", "无邮箱，未发送"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE, related_name="notifications"
    )
    job = models.CharField("任务", max_length=64)
    period = models.CharField("周期", max_length=32, help_text="如 2026-03、2026-Q1、2026-03-25")
    subject = models.CharField("提醒对象", max_length=64, blank=True, help_text="如 task:12；汇总类提醒为空")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=500, blank=True)
    created_at = models.DateTimeField("送达时间", auto_now_add=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)
    email_status = models.CharField("邮件状态", max_length=16, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    email_attempts = models.PositiveSmallIntegerField("邮件尝试次数", default=0)
    email_error = models.TextField("邮件错误", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "消息"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "job", "period", "subject"], name="notification_once"),
        ]
        # The inbox (newest first) and the unread count in the navigation, both per recipient.
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notification_unread"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
