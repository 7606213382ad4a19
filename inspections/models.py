from auditlog.registry import auditlog
from django.db import models

from orgs.models import Person


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


auditlog.register(Team, m2m_fields={"members"})
