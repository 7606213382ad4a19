"""Filters of the intake queue and of the identity-view record; the queue expects ``selectors.with_next_due``."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from cases.clocks import due_soon_cutoff
from cases.models import Category, Channel, IdentityView, Report
from common.day_filters import SinceDayFilter, UntilDayFilter
from orgs.models import Unit
from orgs.widgets import UnitPicker

ALL = "全部"
CLOCK_STATES = [("overdue", "已逾期"), ("due_soon", "3个工作日内到期")]
REAL_NAME_CHOICES = [("yes", "实名"), ("no", "匿名")]
DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class ReportFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="搜索编号、被举报人或单位")
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label="来源渠道", empty_label=ALL)
    category = django_filters.ChoiceFilter(choices=Category.choices, label="问题类别", empty_label=ALL)
    status = django_filters.ChoiceFilter(choices=Report.Status.choices, label="状态", empty_label=ALL)
    real_name = django_filters.ChoiceFilter(
        choices=REAL_NAME_CHOICES, method="filter_real_name", label="实名/匿名", empty_label=ALL
    )
    clock = django_filters.ChoiceFilter(choices=CLOCK_STATES, method="filter_clock", label="办理时限", empty_label=ALL)
    # The period and unit of a dashboard figure, so that its number and this list agree.
    since = SinceDayFilter(field_name="received_at", label="收到日期自", widget=DATE_INPUT)
    until = UntilDayFilter(field_name="received_at", label="收到日期至", widget=DATE_INPUT)
    unit = django_filters.ModelChoiceFilter(
        field_name="accused_unit",
        queryset=Unit.objects.all(),
        label="被举报单位（核定）",
        empty_label=ALL,
        widget=UnitPicker(),
    )

    class Meta:
        model = Report
        fields = ["q", "channel", "category", "status", "real_name", "clock", "since", "until", "unit"]

    def search(self, queryset: QuerySet[Report], name: str, value: str) -> QuerySet[Report]:
        value = value.strip()
        return queryset.filter(
            Q(number__icontains=value) | Q(accused_name__icontains=value) | Q(accused_unit_name__icontains=value)
        )

    def filter_real_name(self, queryset: QuerySet[Report], name: str, value: str) -> QuerySet[Report]:
        return queryset.filter(is_real_name=value == "yes")

    def filter_clock(self, queryset: QuerySet[Report], name: str, value: str) -> QuerySet[Report]:
        """A running clock (acceptance or feedback) past its due date, or due within three working days."""
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(next_due__lt=today)
        return queryset.filter(next_due__gte=today, next_due__lte=due_soon_cutoff(today))


class IdentityViewFilter(django_filters.FilterSet):
    viewer = django_filters.CharFilter(method="filter_viewer", label="查看人")
    report = django_filters.CharFilter(field_name="report__number", lookup_expr="icontains", label="举报编号")
    since = SinceDayFilter(field_name="viewed_at", label="起始日期", widget=DATE_INPUT)
    until = UntilDayFilter(field_name="viewed_at", label="截止日期", widget=DATE_INPUT)

    class Meta:
        model = IdentityView
        fields = ["viewer", "report", "since", "until"]

    def filter_viewer(self, queryset: QuerySet[IdentityView], name: str, value: str) -> QuerySet[IdentityView]:
        value = value.strip()
        return queryset.filter(Q(viewer__person__name__icontains=value) | Q(viewer__username__icontains=value))
