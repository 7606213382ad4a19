"""Filters of the finding list: plan, unit, category, disposition (or none yet), month."""

import django_filters
from django import forms
from django.db.models import QuerySet

from inspections import access
from inspections.models import Finding
from orgs.models import Unit

UNDISPOSED = "none"


def _plans(request):
    return access.plans_visible(request.user) if request else Finding.objects.none()


class FindingFilter(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(queryset=_plans, label="检查计划", empty_label="全部")
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label="被查单位", empty_label="全部")
    category = django_filters.ChoiceFilter(choices=Finding.Category.choices, label="问题类别", empty_label="全部")
    disposition = django_filters.ChoiceFilter(
        choices=[*Finding.Disposition.choices, (UNDISPOSED, "未处理")],
        method="by_disposition",
        label="处理方式",
        empty_label="全部",
    )
    month = django_filters.DateFilter(
        method="by_month",
        label="月份",
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )

    class Meta:
        model = Finding
        fields = ["plan", "unit", "category", "disposition", "month"]

    def by_disposition(self, queryset: QuerySet[Finding], name: str, value: str) -> QuerySet[Finding]:
        return queryset.filter(disposition="" if value == UNDISPOSED else value)

    def by_month(self, queryset: QuerySet[Finding], name: str, value) -> QuerySet[Finding]:
        # The __year/__month lookups use the current (Shanghai) time zone, so a finding at 23:30 stays in its day.
        return queryset.filter(occurred_at__year=value.year, occurred_at__month=value.month)
