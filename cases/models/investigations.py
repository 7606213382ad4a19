"""Cases (审查调查) from verification to conclusion: the people involved, the required documents, exposure."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from cases.models.clues import Clue
from orgs.models import Unit


class FourForms(models.TextChoices):
    FIRST = "first", "第一种形态（批评教育、谈话提醒）"
    SECOND = "second", "第二种形态（诫勉谈话、轻处分）"
    THIRD = "third", "第三种形态（重处分、重大职务调整）"
    FOURTH = "fourth", "第四种形态（移送司法机关）"


class PartySanction(models.TextChoices):
    WARNING = "warning", "警告"
    SERIOUS_WARNING = "serious_warning", "严重警告"
    REMOVAL_FROM_POST = "removal_from_post", "撤销党内职务"
    PROBATION = "probation", "留党察看"
    EXPULSION = "expulsion", "开除党籍"


class AdministrativeSanction(models.TextChoices):
    WARNING = "warning", "警告"
    DEMERIT = "demerit", "记过"
    MAJOR_DEMERIT = "major_demerit", "记大过"
    DEMOTION = "demotion", "降级"
    DISMISSAL_FROM_POST = "dismissal_from_post", "撤职"
    EXPULSION = "expulsion", "开除"


class Case(models.Model):
    class Stage(models.TextChoices):
        VERIFICATION = "verification", "初步核实"
        FILED = "filed", "已立案"
        INVESTIGATION = "investigation", "审查调查"
        REVIEW = "review", "案件审理"
        CONCLUDED = "concluded", "已结案"

    number = models.CharField("案件编号", max_length=20, unique=True)
    clue = models.ForeignKey(
        Clue, verbose_name="来源线索", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    title = models.CharField("案由", max_length=200)
    stage = models.CharField("阶段", max_length=16, choices=Stage.choices, default=Stage.VERIFICATION)
    is_eight_point = models.BooleanField("违反中央八项规定精神", default=False)
    is_four_winds = models.BooleanField("“四风”问题", default=False)
    # 一案双查: a case on the leaders' responsibility, linked to the case that revealed it.
    dual_accountability_of = models.ForeignKey(
        "self", verbose_name="一案双查原案", null=True, blank=True, on_delete=models.PROTECT, related_name="dual_cases"
    )
    opened_at = models.DateTimeField("初核时间", default=timezone.now)
    filed_on = models.DateField("立案日期", null=True, blank=True)
    concluded_on = models.DateField("结案日期", null=True, blank=True)
    funds_recovered = models.DecimalField("挽回经济损失（元）", max_digits=14, decimal_places=2, default=0)
    recommendation = models.TextField("纪检监察建议", blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="承办人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "审查调查案件"
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["stage", "concluded_on"]),
            # The case list's order (read backwards), and its stage filter in that order.
            models.Index(fields=["opened_at", "id"], name="case_list"),
            models.Index(fields=["stage", "opened_at"], name="case_list_stage"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(funds_recovered__gte=0), name="case_funds_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class CasePerson(models.Model):
    """A person dealt with in a case, with the form and the sanctions that apply to them."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="persons")
    name = models.CharField("姓名", max_length=50)
    unit = models.ForeignKey(
        Unit, verbose_name="单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    position = models.CharField("职务", max_length=100, blank=True)
    form = models.CharField("运用形态", max_length=16, choices=FourForms.choices, blank=True)
    party_sanction = models.CharField("党纪处分", max_length=32, choices=PartySanction.choices, blank=True)
    administrative_sanction = models.CharField(
        "政务处分", max_length=32, choices=AdministrativeSanction.choices, blank=True
    )
    transferred_to_judiciary = models.BooleanField("移送司法机关", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "涉案人员"
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return self.name


class CaseDocument(models.Model):
    """One of the "three reports" (一案三报告) or the "six ones" (六个一) a case needs before it concludes."""

    class Kind(models.TextChoices):
        INVESTIGATION_REPORT = "investigation_report", "调查报告"
        ANALYSIS_REPORT = "analysis_report", "剖析报告"
        RECTIFICATION_REPORT = "rectification_report", "整改报告"
        ANALYSIS = "analysis", "一份案件剖析"
        SUMMARY = "summary", "一份工作总结"
        RECOMMENDATION = "recommendation", "一份纪检监察建议"
        WARNING_EDUCATION = "warning_education", "一次警示教育"
        RETURN_VISIT = "return_visit", "一次回访教育"
        ARCHIVE = "archive", "一套完整档案"

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("类别", max_length=32, choices=Kind.choices)
    file = models.FileField("文件", upload_to="cases/documents/%Y/%m/")
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "案件文书"
        ordering = ["case_id", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_kind_display()}"


class Exposure(models.Model):
    """Publishing a concluded case by name (点名道姓通报曝光): only the approved text goes on the public page."""

    class Status(models.TextChoices):
        PENDING = "pending", "待审批"
        PUBLISHED = "published", "已发布"
        REFUSED = "refused", "未批准"
        WITHDRAWN = "withdrawn", "已撤回"

    case = models.OneToOneField(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="exposure")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("通报内容")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="拟稿人", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField("拟稿时间", default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "通报曝光"
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title
