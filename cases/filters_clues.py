"""Filters of the clue list (page and any API): status, disposition, category, overdue transfer, search, and the
proposal dates and accused unit a dashboard figure links with."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from cases.filters_intake import DATE_INPUT
from cases.models import Category, Clue
from common.day_filters import SinceDayFilter, UntilDayFilter
from orgs.models import Unit
from orgs.widgets import UnitPicker


class ClueFilter(django_filters.FilterSet):
    """Expects ``selectors_clues.clue_list`` rows (annotated with ``has_overdue_transfer``)."""

    q = django_filters.CharFilter(method="search", label="搜索")
    status = django_filters.ChoiceFilter(choices=Clue.Status.choices, label="状态", empty_label="全部")
    disposition = django_filters.ChoiceFilter(choices=Clue.Disposition.choices, label="处置方式", empty_label="全部")
    category = django_filters.ChoiceFilter(choices=Category.choices, label="问题类别", empty_label="全部")
    overdue = django_filters.BooleanFilter(
        field_name="has_overdue_transfer",
        label="转办逾期",
        widget=forms.Select(choices=[("", "全部"), ("true", "转办逾期未报"), ("false", "未逾期")]),
    )
    since = SinceDayFilter(field_name="proposed_at", label="拟办日期自", widget=DATE_INPUT)
    until = UntilDayFilter(field_name="proposed_at", label="拟办日期至", widget=DATE_INPUT)
    unit = django_filters.ModelChoiceFilter(
        field_name="accused_unit",
        queryset=Unit.objects.all(),
        label="被反映人单位",
        empty_label="全部",
        widget=UnitPicker(),
    )

    class Meta:
        model = Clue
        fields = ["q", "status", "disposition", "category", "overdue", "since", "until", "unit"]

    def search(self, queryset: QuerySet[Clue], name: str, value: str) -> QuerySet[Clue]:
        value = value.strip()
        return queryset.filter(
            Q(number__icontains=value) | Q(accused_name__icontains=value) | Q(summary__icontains=value)
        )
