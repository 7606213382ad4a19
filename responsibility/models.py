from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone

from orgs.models import Person, Unit


class Plan(models.Model):
    """A special-governance plan (专项治理方案); its tasks make up the year's checklist."""

    year = models.PositiveSmallIntegerField("年度")
    number = models.PositiveSmallIntegerField("序号")
    title = models.CharField("方案名称", max_length=200)
    description = models.TextField("概述", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "专项治理方案"
        ordering = ["year", "number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="plan_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Task(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "未启动"
        IN_PROGRESS = "in_progress", "推进中"
        ACCEPTANCE_REQUESTED = "acceptance_requested", "申请验收"
        CLOSED = "closed", "已验收销号"

    plan = models.ForeignKey(Plan, verbose_name="专项治理方案", on_delete=models.PROTECT, related_name="tasks")
    number = models.PositiveIntegerField("任务编号")
    title = models.CharField("任务名称", max_length=200)
    content = models.TextField("工作内容")
    owner = models.ForeignKey(Person, verbose_name="责任领导", on_delete=models.PROTECT, related_name="owned_tasks")
    lead_unit = models.ForeignKey(Unit, verbose_name="牵头单位", on_delete=models.PROTECT, related_name="led_tasks")
    co_units = models.ManyToManyField(
        Unit, verbose_name="协办单位", through="TaskCoUnit", related_name="co_tasks", blank=True
    )
    standard = models.TextField("实施标准")
    acceptance_method = models.TextField("验收办法")
    starts_on = models.DateField("开始日期")
    status = models.CharField("状态", max_length=32, choices=Status.choices, default=Status.NOT_STARTED)
    # Kept by the services when a report is filed, so the ledger sorts and shows them without a subquery.
    progress = models.PositiveSmallIntegerField("进度（%）", default=0, validators=[MaxValueValidator(100)])
    last_report_at = models.DateTimeField("最近报送", null=True, blank=True)
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "工作任务"
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="task_unique_number_in_plan"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="task_progress_max_100"),
        ]
        indexes = [
            # The ledger's default order, and its status filter in that order: the first page is an index range.
            models.Index(fields=["number", "id"], name="task_ledger"),
            models.Index(fields=["status", "number"], name="task_ledger_status"),
            models.Index(fields=["last_report_at"]),
        ]

    def __str__(self) -> str:
        return f"任务{self.number}：{self.title}"


class TaskCoUnit(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="co_unit_links")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="co_task_links")

    class Meta:
        verbose_name = verbose_name_plural = "协办单位"
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="task_co_unit_unique")]

    def __str__(self) -> str:
        return self.unit.name


class Milestone(models.Model):
    """A dated progress requirement (时间节点): met when a report first reaches its target percent."""

    task = models.ForeignKey(Task, verbose_name="任务", on_delete=models.CASCADE, related_name="milestones")
    due_on = models.DateField("节点日期")
    requirement = models.CharField("进度要求", max_length=300)
    target_percent = models.PositiveSmallIntegerField("目标进度（%）", validators=[MaxValueValidator(100)])
    met_on = models.DateField("完成日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "时间节点"
        ordering = ["task_id", "due_on"]
        indexes = [models.Index(fields=["due_on", "met_on"])]

    def __str__(self) -> str:
        return f"{self.due_on:%Y-%m-%d} {self.requirement}"

    @property
    def met_in_time(self) -> bool:
        return self.met_on is not None and self.met_on <= self.due_on


class ProgressReport(models.Model):
    """A unit's progress report (动态报送) on a task for one month."""

    task = models.ForeignKey(Task, verbose_name="任务", on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(Unit, verbose_name="报送单位", on_delete=models.PROTECT, related_name="progress_reports")
    period = models.DateField("报送期（月）", help_text="所报月份的第一天")
    text = models.TextField("进展情况")
    percent = models.PositiveSmallIntegerField("完成进度（%）", validators=[MaxValueValidator(100)])
    # Null for reports imported from the paper ledger, which have no account behind them.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField("报送时间", default=timezone.now)
    is_late = models.BooleanField("逾期报送", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "进度报送"
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["task", "unit", "period"]), models.Index(fields=["unit", "period"])]
        constraints = [models.CheckConstraint(condition=models.Q(percent__lte=100), name="report_percent_max_100")]

    def __str__(self) -> str:
        return f"{self.unit.name} {self.period:%Y年%m月} {self.percent}%"


class ProgressAttachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("附件", upload_to="responsibility/reports/%Y/%m/")
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")

    class Meta:
        verbose_name = verbose_name_plural = "报送附件"

    def __str__(self) -> str:
        return self.name


class SupervisionNotice(models.Model):
    """A supervision notice (督办单) to a unit about a lagging task, answered before a deadline."""

    task = models.ForeignKey(Task, verbose_name="任务", on_delete=models.CASCADE, related_name="notices")
    unit = models.ForeignKey(Unit, verbose_name="督办单位", on_delete=models.PROTECT, related_name="notices")
    content = models.TextField("督办事项")
    reply_deadline = models.DateField("回复期限")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="签发人", on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField("签发时间", default=timezone.now)
    reply = models.TextField("回复内容", blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="回复人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replied_at = models.DateTimeField("回复时间", null=True, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "督办单"
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["replied_at", "reply_deadline"])]

    def __str__(self) -> str:
        return f"督办单 {self.pk}（{self.unit.name}）"


class AcceptanceDecision(models.Model):
    """A lead unit's request for acceptance (验收) and the commission's decision on it."""

    class Result(models.TextChoices):
        PASSED = "passed", "验收通过"
        RETURNED = "returned", "退回整改"

    task = models.ForeignKey(Task, verbose_name="任务", on_delete=models.CASCADE, related_name="acceptances")
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
        verbose_name = verbose_name_plural = "验收记录"
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task} 验收（{self.get_result_display() or '待验收'}）"


class ResponsibilityLetter(models.Model):
    """A responsibility letter (目标责任书) signed for one year between two levels."""

    class Kind(models.TextChoices):
        SECRETARY_LEADER = "secretary_leader", "县委书记—县委常委"
        SECRETARY_TOWNSHIP = "secretary_township", "县委书记—乡镇党委书记"
        SECRETARY_DEPARTMENT = "secretary_department", "县委书记—部门党组（党委）书记"
        LEADER_LEAD_UNIT = "leader_lead_unit", "县委常委—牵头部门"
        LEADER_CO_UNIT = "leader_co_unit", "县委常委—协办单位"
        COMMISSION_TOWNSHIP = "commission_township", "县纪委书记—乡镇纪委书记"
        COMMISSION_GROUP = "commission_group", "县纪委书记—派驻纪检组长"

    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("类别", max_length=32, choices=Kind.choices)
    issuer = models.ForeignKey(Person, verbose_name="发出方", on_delete=models.PROTECT, related_name="letters_issued")
    signer_unit = models.ForeignKey(Unit, verbose_name="签订单位", on_delete=models.PROTECT, related_name="letters")
    signer = models.ForeignKey(
        Person, verbose_name="签订人", null=True, blank=True, on_delete=models.PROTECT, related_name="letters_signed"
    )
    signed_on = models.DateField("签订日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "目标责任书"
        ordering = ["year", "kind", "signer_unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "kind", "signer_unit", "signer"], name="letter_unique_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.get_kind_display()}（{self.signer_unit.name}）"


class AccountabilityRecord(models.Model):
    """Accountability (责任追究) for lagging work, against a unit or a person; may hold leaders to account too."""

    class Measure(models.TextChoices):
        TALK = "talk", "约谈"
        CRITICISM = "criticism", "通报批评"
        ADMONISHMENT = "admonishment", "诫勉谈话"
        ORGANISATIONAL = "organisational", "组织处理"
        SANCTION = "sanction", "党纪政务处分"

    task = models.ForeignKey(Task, verbose_name="任务", on_delete=models.PROTECT, related_name="accountability_records")
    unit = models.ForeignKey(
        Unit, verbose_name="被追责单位", on_delete=models.PROTECT, related_name="accountability_records"
    )
    person = models.ForeignKey(
        Person,
        verbose_name="被追责人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountability_records",
    )
    measure = models.CharField("追责方式", max_length=32, choices=Measure.choices)
    reason = models.TextField("事由")
    dual_accountability = models.BooleanField("一案双查", default=False, help_text="同时追究主要负责人的领导责任")
    decided_on = models.DateField("决定日期")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "责任追究"
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.unit.name} {self.get_measure_display()}（{self.decided_on}）"


class Ranking(models.Model):
    """A unit ranking computed once for a closed period and kept, so later edits do not rewrite history."""

    class Kind(models.TextChoices):
        MONTHLY = "monthly", "月评比"
        QUARTERLY = "quarterly", "季度通报"
        ANNUAL = "annual", "年度考核"

    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    period_start = models.DateField("起始日期")
    period_end = models.DateField("截止日期")
    rule = models.JSONField("评分规则")
    computed_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "排名"
        ordering = ["-period_start", "kind"]
        constraints = [models.UniqueConstraint(fields=["kind", "period_start"], name="ranking_unique_period")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_start:%Y-%m}"


class RankingEntry(models.Model):
    ranking = models.ForeignKey(Ranking, on_delete=models.CASCADE, related_name="entries")
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveIntegerField("名次")
    score = models.DecimalField("总分", max_digits=5, decimal_places=1)
    # A component is null when the unit had nothing to score on it (不适用): no report due, no milestone, no decision.
    timeliness = models.DecimalField("报送及时", max_digits=5, decimal_places=1, null=True, blank=True)
    milestones = models.DecimalField("节点完成", max_digits=5, decimal_places=1, null=True, blank=True)
    acceptance = models.DecimalField("验收结果", max_digits=5, decimal_places=1, null=True, blank=True)
    accountability = models.DecimalField("责任追究", max_digits=5, decimal_places=1)
    details = models.JSONField("计分依据", default=dict)

    class Meta:
        verbose_name = verbose_name_plural = "排名明细"
        ordering = ["ranking_id", "rank", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["ranking", "unit"], name="ranking_entry_unique_unit")]

    def __str__(self) -> str:
        return f"{self.rank}. {self.unit_id} {self.score}"


for _model in (
    Plan, Task, TaskCoUnit, Milestone, ProgressReport, ProgressAttachment, SupervisionNotice,
    AcceptanceDecision, ResponsibilityLetter, AccountabilityRecord, Ranking, RankingEntry,
):  # fmt: skip
    auditlog.register(_model)
