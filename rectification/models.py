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

    class Level(models.TextChoices):
        UNIT = "unit", "单位"
        LEADERSHIP = "leadership", "领导班子"
        OFFICE = "office", "科室"
        PERSON = "person", "个人"

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
    level = models.CharField("问题层级", max_length=16, choices=Level.choices, default=Level.UNIT)
    is_common = models.BooleanField("共性问题", default=False, help_text="共性问题在多个单位普遍存在；否则为个性问题")
    internal_note = models.TextField("内部备注", blank=True, help_text="仅纪委监委可见，不公开")
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
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["source", "source_id"]),
            # The problem list's order (read backwards), and its status filter in that order.
            models.Index(fields=["created_at", "id"], name="problem_list"),
            models.Index(fields=["status", "created_at"], name="problem_list_status"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.name}：{self.title}"


class Commitment(models.Model):
    """A public commitment (整改承诺) to fix a problem: who commits, the measures, the deadline and expected effect."""

    class Committer(models.TextChoices):
        UNIT_HEAD = "unit_head", "单位主要负责人"
        COUNTY_LEADER = "county_leader", "县委常委"

    problem = models.OneToOneField(Problem, verbose_name="问题", on_delete=models.CASCADE, related_name="commitment")
    committer_kind = models.CharField("承诺人类别", max_length=16, choices=Committer.choices)
    committer_name = models.CharField("承诺人", max_length=50)
    committer_position = models.CharField("职务", max_length=100, blank=True)
    # The problem as the public reads it: the internal description may name people or sources.
    published_problem = models.TextField("公开的问题表述")
    measures = models.TextField("整改措施")
    deadline = models.DateField("承诺时限")
    expected_effect = models.TextField("预期效果")
    signed_on = models.DateField("签字日期", null=True, blank=True)
    is_published = models.BooleanField("已公开", default=False)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填报人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "整改承诺"
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(fields=["is_published", "deadline"]),
            # The public page: published ones only, newest first.
            models.Index(
                fields=["published_at", "id"], condition=models.Q(is_published=True), name="commitment_public"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.problem} 承诺"


class Progress(models.Model):
    """A unit's progress report on a problem, with attachments."""

    problem = models.ForeignKey(Problem, verbose_name="问题", on_delete=models.CASCADE, related_name="progress")
    text = models.TextField("整改进展")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField("报送时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "整改进展"
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.problem} 进展"


class ProgressAttachment(models.Model):
    progress = models.ForeignKey(Progress, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("附件", upload_to="rectification/progress/%Y/%m/")
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")

    class Meta:
        verbose_name = verbose_name_plural = "整改进展附件"

    def __str__(self) -> str:
        return self.name


class Acceptance(models.Model):
    """A unit's request for acceptance and the commission's decision (pass closes the problem, or return)."""

    class Result(models.TextChoices):
        PASSED = "passed", "验收通过"
        RETURNED = "returned", "退回整改"

    problem = models.ForeignKey(Problem, verbose_name="问题", on_delete=models.CASCADE, related_name="acceptances")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField("申请时间", default=timezone.now)
    request_note = models.TextField("申请说明", blank=True)
    result = models.CharField("验收结果", max_length=16, choices=Result.choices, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="验收人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("验收时间", null=True, blank=True)
    comments = models.TextField("验收意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "整改验收"
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.problem} 验收（{self.get_result_display() or '待验收'}）"


class Evaluation(models.Model):
    """A reviewer's score (整改评议) of a finished rectification: deputies, committee members, invited supervisors."""

    problem = models.ForeignKey(Problem, verbose_name="问题", on_delete=models.CASCADE, related_name="evaluations")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="评议人", on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField("评分（0–100）")
    comment = models.TextField("评议意见", blank=True)
    created_at = models.DateTimeField("评议时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "整改评议"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["problem", "reviewer"], name="evaluation_one_per_reviewer"),
            models.CheckConstraint(condition=models.Q(score__lte=100), name="evaluation_score_max_100"),
        ]

    def __str__(self) -> str:
        return f"{self.problem} 评议 {self.score}"


class Rating(models.Model):
    """A member of the public rates a unit's rectification (群众测评): one per phone number, unit and period."""

    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="ratings")
    period = models.DateField("测评期", help_text="测评期的第一天")
    # A keyed hash of the phone number: enough to enforce one rating per phone, and nothing to leak.
    phone_key = models.CharField("手机号标识", max_length=64, editable=False)
    score = models.PositiveSmallIntegerField("满意度评分")
    comment = models.TextField("意见建议", blank=True)
    created_at = models.DateTimeField("测评时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "群众测评"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "period", "phone_key"], name="rating_one_per_phone")]
        indexes = [models.Index(fields=["period", "unit"])]

    def __str__(self) -> str:
        return f"{self.unit.name} {self.period:%Y-%m} {self.score}"


class Talk(models.Model):
    """A talk (约谈) held with the head of a low-ranked unit."""

    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="talks")
    period = models.DateField("测评期")
    held_on = models.DateField("约谈日期")
    with_person = models.CharField("约谈对象", max_length=100)
    held_by = models.CharField("约谈人", max_length=100)
    notes = models.TextField("约谈情况")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "约谈记录"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.unit.name} {self.held_on}"


auditlog.register(Problem)
auditlog.register(Rating, exclude_fields=["phone_key"])
for _model in (Commitment, Progress, ProgressAttachment, Acceptance, Evaluation, Talk):
    auditlog.register(_model)
