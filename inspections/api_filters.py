"""Filters of the inspections read API: by plan, team, unit, category, disposition, status and month."""

from calendar import monthrange
from datetime import date, datetime

import django_filters
from django import forms
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field

from common.day_filters import local_last_moment, local_midnight
from common.year_filters import YearFilter
from inspections.models import Bulletin, Finding, Plan


class YearMonthField(forms.CharField):
    """A month typed as "2026-05", cleaned to its first day."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return datetime.strptime(value, "%Y-%m").date()
        except ValueError as error:
            raise forms.ValidationError("月份请按“年-月”填写，如 2026-05。") from error


@extend_schema_field({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "example": "2026-05"})
class MonthFilter(django_filters.Filter):
    """The rows of one month, "2026-05"; ``method`` decides what "of the month" means for the list."""

    field_class = YearMonthField


def month_last_day(first: date) -> date:
    """The month's last day: an inclusive bound, since December 9999 has no month after it."""
    return first.replace(day=monthrange(first.year, first.month)[1])


class PlanFilter(django_filters.FilterSet):
    team = django_filters.NumberFilter(field_name="team", label="督查小组")
    unit = django_filters.NumberFilter(field_name="target_units", label="检查单位")
    month = MonthFilter(method="filter_month", label="月份（如 2026-05）：期间与该月相交的计划")

    class Meta:
        model = Plan
        fields = ["status", "team", "checkpoint", "unit", "month"]

    def filter_month(self, queryset: QuerySet[Plan], name: str, first: date) -> QuerySet[Plan]:
        return queryset.filter(starts_on__lte=month_last_day(first), ends_on__gte=first)


class FindingFilter(django_filters.FilterSet):
    # Plain ids: the list is already scoped, so an id outside it simply matches nothing.
    plan = django_filters.NumberFilter(field_name="plan", label="检查计划")
    unit = django_filters.NumberFilter(field_name="unit", label="被查单位")
    team = django_filters.NumberFilter(field_name="plan__team", label="督查小组")
    month = MonthFilter(method="filter_month", label="发现月份（如 2026-05）")

    class Meta:
        model = Finding
        fields = ["plan", "team", "unit", "category", "disposition", "month"]

    def filter_month(self, queryset: QuerySet[Finding], name: str, first: date) -> QuerySet[Finding]:
        # Bounds in local time (Asia/Shanghai), as the pages and bulletins count months.
        end = local_last_moment(month_last_day(first))
        return queryset.filter(occurred_at__gte=local_midnight(first), occurred_at__lte=end)


class BulletinFilter(django_filters.FilterSet):
    year = YearFilter(field_name="period_start", lookup_expr="year", label="年度")

    class Meta:
        model = Bulletin
        fields = ["kind", "year"]
