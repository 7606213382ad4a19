"""Filters of the finding list: plan, unit, category, disposition (or none yet), month, dates found, checkpoint."""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from common.day_filters import SinceDayFilter, UntilDayFilter
from inspections import access, checkpoints
from inspections.forms import DATE, checkpoint_choices
from inspections.models import Finding
from orgs.models import Unit
from orgs.widgets import UnitPicker

UNDISPOSED = "none"


def _plans(request):
    return access.plans_visible(request.user) if request else Finding.objects.none()


class FindingFilter(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(queryset=_plans, label="检查计划", empty_label="全部")
    unit = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.all(), label="被查单位", empty_label="全部", widget=UnitPicker()
    )
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
    # Local (Shanghai) days, as the dashboard counts a period's findings.
    since = SinceDayFilter(field_name="occurred_at", label="发现日期起", widget=DATE)
    until = UntilDayFilter(field_name="occurred_at", label="发现日期止", widget=DATE)
    # Under the checkpoint its plan serves, whatever the day, as the statistics count a checkpoint's findings.
    checkpoint = django_filters.ChoiceFilter(field_name="plan__checkpoint", label="节点", empty_label="全部")

    class Meta:
        model = Finding
        fields = ["plan", "unit", "category", "disposition", "month", "since", "until", "checkpoint"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The years around this one, and that of a checkpoint asked for: the dashboard links to any year's.
        years = {timezone.localdate().year + step for step in (-1, 0, 1)}
        if asked := checkpoints.checkpoint_by_key(self.data.get("checkpoint") or ""):
            years.add(asked.day.year)
        self.filters["checkpoint"].extra["choices"] = checkpoint_choices(sorted(years))[1:]  # not the form's "none"

    def by_disposition(self, queryset: QuerySet[Finding], name: str, value: str) -> QuerySet[Finding]:
        return queryset.filter(disposition="" if value == UNDISPOSED else value)

    def by_month(self, queryset: QuerySet[Finding], name: str, value) -> QuerySet[Finding]:
        # The __year/__month lookups use the current (Shanghai) time zone, so a finding at 23:30 stays in its day.
        return queryset.filter(occurred_at__year=value.year, occurred_at__month=value.month)
