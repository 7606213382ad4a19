"""Reports (信访举报) as received, with the reporter's identity kept encrypted and the reporter's follow-up channel."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from common.fields import EncryptedTextField
from orgs.models import Unit


class Channel(models.TextChoices):
    LETTER = "letter", "来信"
    VISIT = "visit", "来访"
    PHONE = "phone", "来电"
    WEB = "web", "网络举报"
    WECHAT = "wechat", "微信"
    SUPERIOR = "superior", "上级交办/转来"


class Category(models.TextChoices):
    BANQUETS = "banquets", "公款吃喝"
    CARS = "cars", "公车私用"
    GIFTS = "gifts", "违规收送礼品礼金"
    CEREMONIES = "ceremonies", "大办婚丧喜庆"
    ALLOWANCES = "allowances", "违规发放津补贴"
    TRAVEL = "travel", "公款旅游"
    WORK_DISCIPLINE = "work_discipline", "上班纪律"
    EXTORTION = "extortion", "吃拿卡要"
    PUBLIC_INTEREST = "public_interest", "侵害群众利益"
    OTHER = "other", "其他"


class Report(models.Model):
    """A report as received, by any channel. The reporter's identity is encrypted and shown only through custody."""

    class Status(models.TextChoices):
        RECEIVED = "received", "待受理"
        ACCEPTED = "accepted", "已受理"
        REJECTED = "rejected", "不予受理"
        REFERRED = "referred", "已转交有权处理机关"
        CONCLUDED = "concluded", "已办结"

    # Non-secret: what the reporter quotes with the query code, and what staff refer to.
    number = models.CharField("举报编号", max_length=20, unique=True)
    channel = models.CharField("来源渠道", max_length=16, choices=Channel.choices)
    category = models.CharField("问题类别", max_length=32, choices=Category.choices)
    is_real_name = models.BooleanField("实名举报", default=True)
    reporter_name = EncryptedTextField("举报人姓名", blank=True)
    reporter_id_number = EncryptedTextField("举报人身份证号码", blank=True)
    reporter_phone = EncryptedTextField("举报人电话", blank=True)
    # A keyed hash of the ID number: the encrypted field cannot be searched, duplicates are found through this.
    reporter_key = models.CharField("举报人标识", max_length=64, blank=True, db_index=True, editable=False)
    accused_name = models.CharField("被举报人", max_length=50)
    accused_unit_name = models.CharField("被举报人单位", max_length=100)
    accused_position = models.CharField("被举报人职务", max_length=100, blank=True)
    accused_unit = models.ForeignKey(
        Unit, verbose_name="被举报单位（核定）", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    content = models.TextField("主要问题")
    happened_on = models.DateField("发生时间", null=True, blank=True)
    place = models.CharField("发生地点", max_length=200, blank=True)
    received_at = models.DateTimeField("收到时间", default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.RECEIVED)
    # Statutory clocks, in working days, fixed when the report arrives or concludes.
    acceptance_due_on = models.DateField("受理告知期限")
    decided_at = models.DateTimeField("受理决定时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="决定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_reason = models.TextField("不予受理或转交理由", blank=True)
    referred_to = models.CharField("转交机关", max_length=100, blank=True)
    reporter_notified_at = models.DateTimeField("告知举报人时间", null=True, blank=True)
    result = models.TextField("办理结果（告知举报人）", blank=True)
    concluded_at = models.DateTimeField("办结时间", null=True, blank=True)
    feedback_due_on = models.DateField("结果反馈期限", null=True, blank=True)
    fed_back_at = models.DateTimeField("反馈举报人时间", null=True, blank=True)
    # The reporter's follow-up: both stored only as slow salted hashes.
    query_code_hash = models.CharField("查询码", max_length=128, blank=True, editable=False)
    query_password_hash = models.CharField("查询密码", max_length=128, blank=True, editable=False)
    query_failures = models.PositiveSmallIntegerField("查询密码连续错误次数", default=0, editable=False)
    query_locked_until = models.DateTimeField("查询锁定至", null=True, blank=True, editable=False)
    # The form's one-time key: a double click submits it twice, and the second finds the first report.
    submission_key = models.UUIDField("提交标识", null=True, blank=True, unique=True, editable=False)
    is_demo = models.BooleanField("演示数据", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "信访举报"
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["status", "received_at"]),
            models.Index(fields=["accused_name", "received_at"]),
            models.Index(fields=["received_at", "id"], name="report_list"),  # the API's list, newest first
            # The intake queue's "same reporter within 30 days" mark: a lookup per listed report.
            models.Index(
                fields=["reporter_key", "received_at"], name="report_same_reporter_idx", condition=~Q(reporter_key="")
            ),
        ]
        permissions = [("view_reporter_identity", "经批准后查看举报人身份")]

    def __str__(self) -> str:
        return f"{self.number}（{self.get_category_display()}）"


class ReportAttachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("附件", upload_to="cases/reports/%Y/%m/")
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")

    class Meta:
        verbose_name = verbose_name_plural = "举报附件"

    def __str__(self) -> str:
        return self.name


class ReportMessage(models.Model):
    """A question from staff to the reporter, or the reporter's answer, seen on the query page."""

    report = models.ForeignKey(Report, verbose_name="举报", on_delete=models.CASCADE, related_name="messages")
    from_reporter = models.BooleanField("举报人发出", default=False)
    text = models.TextField("内容")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="工作人员",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "举报沟通记录"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report.number} {'举报人' if self.from_reporter else '工作人员'}"


class Reward(models.Model):
    """A real-name reporting reward (实名举报奖励) decided for a report."""

    report = models.ForeignKey(Report, verbose_name="举报", on_delete=models.PROTECT, related_name="rewards")
    amount = models.DecimalField("奖励金额（元）", max_digits=10, decimal_places=2)
    decided_on = models.DateField("决定日期")
    note = models.TextField("说明", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "实名举报奖励"
        ordering = ["-decided_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="reward_amount_positive")]

    def __str__(self) -> str:
        return f"{self.report.number} 奖励 {self.amount} 元"
