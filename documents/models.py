from django.db import models


class Document(models.Model):
    """A generated summary (monthly ranking, statistics, bulletins, holiday notices), kept once per period.

    ``content`` is a snapshot in the neutral shape of ``documents.content``: the page, the print view, Excel and Word
    all render from it, so every copy of a document says what it said the day it was generated.
    """

    class Kind(models.TextChoices):
        MONTHLY_RANKING = "monthly_ranking", "月度评比排名"
        MONTHLY_STATISTICS = "monthly_statistics", "月度统计报表"
        QUARTERLY_BULLETIN = "quarterly_bulletin", "季度通报"
        HOLIDAY_NOTICE = "holiday_notice", "节前廉洁提醒"
        POST_HOLIDAY_SUMMARY = "post_holiday_summary", "节后检查情况汇总"
        WEEKLY_BULLETIN = "weekly_inspection_bulletin", "明察暗访周通报"

    class Audience(models.TextChoices):
        # Commission staff, leaders and admins, and the county leaders: rankings, statistics, findings.
        COMMISSION = "commission", "纪委及县领导"
        # Every signed-in person: what is circulated to all units (quarterly bulletin, holiday notice).
        ALL_UNITS = "all_units", "全体单位"

    kind = models.CharField("类别", max_length=32, choices=Kind.choices)
    period = models.CharField("周期", max_length=32, help_text="如 2026-10、2026-Q3、2026-W45、2026-mid_autumn")
    period_start = models.DateField("起始日期")
    period_end = models.DateField("截止日期")
    title = models.CharField("标题", max_length=200)
    audience = models.CharField("阅读范围", max_length=16, choices=Audience.choices)
    content = models.JSONField("内容")
    generated_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "文档"
        ordering = ["-period_start", "kind", "-id"]
        constraints = [models.UniqueConstraint(fields=["kind", "period"], name="document_once_per_period")]
        indexes = [models.Index(fields=["-period_start", "kind"], name="document_list")]

    def __str__(self) -> str:
        return self.title
