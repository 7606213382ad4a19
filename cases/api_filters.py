"""Filters of the staff read API's lists (reports, clues, transfers, cases)."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from cases.models import Case, Category, Clue, Report, Transfer
from common.day_filters import SinceDayFilter, UntilDayFilter
from common.year_filters import YearFilter


def text_search(label: str, *fields: str) -> django_filters.CharFilter:
    """A ``q`` filter: the rows where any of ``fields`` contains the text."""

    def search(queryset: QuerySet, name: str, value: str) -> QuerySet:
        match = Q()
        for field in fields:
            match |= Q(**{f"{field}__icontains": value})
        return queryset.filter(match)

    return django_filters.CharFilter(method=search, label=label)


class ReportFilter(django_filters.FilterSet):
    real_name = django_filters.BooleanFilter(field_name="is_real_name", label="实名举报")
    received_from = SinceDayFilter(field_name="received_at", label="收到日期起")
    received_to = UntilDayFilter(field_name="received_at", label="收到日期止")
    q = text_search("搜索举报编号或被举报人", "number", "accused_name")

    class Meta:
        model = Report
        fields = ["status", "channel", "category", "real_name", "received_from", "received_to", "q"]


class ClueFilter(django_filters.FilterSet):
    q = text_search("搜索线索编号或被反映人", "number", "accused_name")

    class Meta:
        model = Clue
        fields = ["status", "disposition", "category", "q"]


class TransferFilter(django_filters.FilterSet):
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="逾期未报结果")

    class Meta:
        model = Transfer
        fields = ["status", "to_unit", "overdue"]

    def filter_overdue(self, queryset: QuerySet[Transfer], name: str, value: bool) -> QuerySet[Transfer]:
        overdue = Q(status=Transfer.Status.PENDING, deadline__lt=timezone.localdate())
        return queryset.filter(overdue if value else ~overdue)


class CaseFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(field_name="clue__category", choices=Category.choices, label="问题类别")
    dual_accountability = django_filters.BooleanFilter(
        field_name="dual_accountability_of", lookup_expr="isnull", exclude=True, label="一案双查"
    )
    concluded_year = YearFilter(field_name="concluded_on", lookup_expr="year", label="结案年度")
    q = text_search("搜索案件编号或案由", "number", "title")

    class Meta:
        model = Case
        fields = [
            "stage", "is_eight_point", "is_four_winds", "category", "dual_accountability", "concluded_year", "q"
        ]  # fmt: skip
