from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone

from orgs.models import Person, Unit


class Team(models.Model):
    """An inspection team (作风效能督查小组), led by a commission standing member."""

    name = models.CharField("名称", max_length=100, unique=True)
    leader = models.ForeignKey(Person, verbose_name="组长", on_delete=models.PROTECT, related_name="led_teams")
    members = models.ManyToManyField(Person, verbose_name="成员", blank=True, related_name="teams")
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "督查小组"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Plan(models.Model):
    """A covert inspection plan (明察暗访计划): secret from the units, and from other teams until it is done."""

    class Status(models.TextChoices):
        PLANNED = "planned", "待实施"
        ACTIVE = "active", "实施中"
        DONE = "done", "已完成"

    title = models.CharField("主题", max_length=200)
    themes = models.TextField("检查内容", help_text="如公车私用、违规吃喝、上班纪律等")
    team = models.ForeignKey(Team, verbose_name="督查小组", on_delete=models.PROTECT, related_name="plans")
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    target_units = models.ManyToManyField(Unit, verbose_name="检查单位", blank=True, related_name="+")
    target_places = models.TextField("检查场所", blank=True, help_text="如酒店、农家乐、停车场")
    # The checkpoint served, by its key in inspections.checkpoints (e.g. "2026-mid_autumn"): computed, not stored.
    checkpoint = models.CharField("节点", max_length=32, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="制定人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("制定时间", default=timezone.now)
    done_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "明察暗访计划"
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="plan_period_in_order")
        ]

    def __str__(self) -> str:
        return self.title


class Finding(models.Model):
    """A problem found in the field (发现问题), and how it ended."""

    class Category(models.TextChoices):
        GAMES = "games", "上班玩游戏"
        CHATTING = "chatting", "上班闲聊"
        STOCKS = "stocks", "上班炒股"
        SHOPPING = "shopping", "上班网购或看视频"
        ABSENCE = "absence", "无故脱岗"
        LATE = "late", "迟到早退"
        COMMUTING = "commuting", "乡镇干部走读"
        CARS = "cars", "公车私用"
        BANQUETS = "banquets", "违规吃喝"
        GIFTS = "gifts", "违规收送礼品礼金"
        SERVICE = "service", "窗口服务质量差"
        OTHER = "other", "其他"

    class Disposition(models.TextChoices):
        CORRECTED = "corrected", "当场纠正"
        RECTIFICATION = "rectification", "下发整改通知"
        CLUE = "clue", "移送问题线索"
        EXPOSURE = "exposure", "通报曝光"

    plan = models.ForeignKey(Plan, verbose_name="检查计划", on_delete=models.PROTECT, related_name="findings")
    unit = models.ForeignKey(
        Unit, verbose_name="被查单位", on_delete=models.PROTECT, related_name="inspection_findings"
    )
    persons = models.CharField("涉及人员", max_length=200, blank=True)
    category = models.CharField("问题类别", max_length=16, choices=Category.choices)
    occurred_at = models.DateTimeField("发现时间")
    place = models.CharField("地点", max_length=200)
    description = models.TextField("问题描述")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("记录时间", default=timezone.now)
    disposition = models.CharField("处理方式", max_length=16, choices=Disposition.choices, blank=True)
    disposed_at = models.DateTimeField("处理时间", null=True, blank=True)
    disposition_note = models.TextField("处理说明", blank=True)
    # What the disposition created in another app, by kind and id: this app imports neither's models.
    linked_kind = models.CharField("关联对象", max_length=32, blank=True)
    linked_id = models.PositiveBigIntegerField("关联编号", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "发现问题"
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["occurred_at"]), models.Index(fields=["unit", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.unit.name} {self.get_category_display()}"


class Evidence(models.Model):
    """A photo or video taken in the field."""

    finding = models.ForeignKey(Finding, verbose_name="发现问题", on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("文件", upload_to="inspections/evidence/%Y/%m/")
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")
    is_video = models.BooleanField("视频", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "取证材料"

    def __str__(self) -> str:
        return self.name


class Bulletin(models.Model):
    """A weekly bulletin (周通报) or monthly brief (月简报), generated once and kept as it was."""

    class Kind(models.TextChoices):
        WEEKLY = "weekly", "周通报"
        MONTHLY = "monthly", "月简报"

    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    period_start = models.DateField("起始日期")
    period_end = models.DateField("截止日期")
    title = models.CharField("标题", max_length=200)
    content = models.JSONField("内容")
    generated_at = models.DateTimeField("生成时间", default=timezone.now)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="生成人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "通报简报"
        ordering = ["-period_start", "kind"]
        constraints = [models.UniqueConstraint(fields=["kind", "period_start"], name="bulletin_unique_period")]

    def __str__(self) -> str:
        return self.title


auditlog.register(Team, m2m_fields={"members"})
auditlog.register(Plan, m2m_fields={"target_units"})
for _model in (Finding, Evidence, Bulletin):
    auditlog.register(_model)
