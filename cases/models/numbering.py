"""Yearly sequence numbers (2026-00042) for reports, clues and cases, handed out under a row lock."""

from django.db import models


class Counter(models.Model):
    name = models.CharField("序列", max_length=16)
    year = models.PositiveSmallIntegerField("年度")
    value = models.PositiveIntegerField("当前值", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "编号序列"
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="counter_unique_name_year")]

    def __str__(self) -> str:
        return f"{self.name} {self.year}: {self.value}"
