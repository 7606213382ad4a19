from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

phone_validator = RegexValidator(r"^\+?[0-9][0-9\- ]{4,19}$", "请输入有效的电话号码（数字，可含“-”）。")


class Region(models.Model):
    """An administrative area; the county sits under its city and province."""

    class Level(models.TextChoices):
        PROVINCE = "province", "省"
        CITY = "city", "市"
        COUNTY = "county", "县"

    name = models.CharField("名称", max_length=100)
    code = models.CharField("行政区划代码", max_length=12, unique=True)
    level = models.CharField("层级", max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = verbose_name_plural = "行政区域"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """An organisation: a township, a department, the commission or one of its offices.

    Lead units (牵头部门) and co-units (协办单位) are county departments that take that part in the
    responsibility checklist, so they are flags on a department rather than kinds of their own.
    """

    class Kind(models.TextChoices):
        LEADERSHIP = "leadership", "县委领导"
        COMMISSION = "commission", "县纪委监委"
        COMMISSION_OFFICE = "commission_office", "纪委监委内设机构"
        TOWNSHIP = "township", "乡镇"
        DEPARTMENT = "department", "县级部门"
        TOWNSHIP_COMMISSION = "township_commission", "乡镇纪委"
        DISCIPLINE_GROUP = "discipline_group", "派驻纪检组"

    region = models.ForeignKey(Region, verbose_name="行政区域", on_delete=models.PROTECT, related_name="units")
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类别", max_length=32, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级单位", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    is_lead_unit = models.BooleanField("牵头部门", default=False)
    is_co_unit = models.BooleanField("协办单位", default=False)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "单位"
        ordering = ["kind", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unit_unique_name_in_region")]
        indexes = [models.Index(fields=["kind", "sort_order"])]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    COMMISSION_ADMIN = "commission_admin", "纪委系统管理员"
    COMMISSION_STAFF = "commission_staff", "纪委工作人员"
    COMMISSION_LEADER = "commission_leader", "纪委领导"
    COUNTY_LEADER = "county_leader", "县委常委"
    UNIT_OFFICER = "unit_officer", "单位联络员"
    INSPECTOR = "inspector", "督查人员"
    REVIEWER = "reviewer", "评议人员"


class Person(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    name = models.CharField("姓名", max_length=50)
    position = models.CharField("职务", max_length=100, blank=True)
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="people")
    phone = models.CharField("电话", max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField("电子邮箱", blank=True)
    is_invited_supervisor = models.BooleanField("特邀监察员", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "人员"
        ordering = ["unit_id", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.position}）" if self.position else self.name


class RoleAssignment(models.Model):
    """A role held by a person; a person may hold several (a staff member who also reviews)."""

    person = models.ForeignKey(Person, verbose_name="人员", on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("角色", max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = verbose_name_plural = "角色分配"
        constraints = [models.UniqueConstraint(fields=["person", "role"], name="role_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.person.name}：{self.get_role_display()}"


auditlog.register(Region)
auditlog.register(Unit)
auditlog.register(Person)
auditlog.register(RoleAssignment)
