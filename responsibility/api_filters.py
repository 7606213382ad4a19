"""Filters of the checklist API's lists; the tasks use the ledger's own ``filters.TaskFilter``."""

import django_filters
from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema_field

from responsibility.forms import MonthField
from responsibility.models import (
    AcceptanceDecision,
    AccountabilityRecord,
    Plan,
    ProgressReport,
    ResponsibilityLetter,
)  # fmt: skip


@extend_schema_field({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$", "example": "2026-05"})
class MonthFilter(django_filters.Filter):
    """A month as "2026-05" (or any day of it, "2026-05-17"), matched against a month-start date."""

    field_class = MonthField


class PlanFilter(django_filters.FilterSet):
    class Meta:
        model = Plan
        fields = ["year"]


class ReportFilter(django_filters.FilterSet):
    period = MonthFilter(label="报送月份（如 2026-05）")

    class Meta:
        model = ProgressReport
        fields = ["task", "unit", "period", "is_late"]


class AcceptanceFilter(django_filters.FilterSet):
    pending = django_filters.BooleanFilter(method="filter_pending", label="待验收")

    class Meta:
        model = AcceptanceDecision
        fields = ["task", "result", "pending"]

    def filter_pending(self, queryset: QuerySet[AcceptanceDecision], name: str, value: bool) -> QuerySet:
        return queryset.filter(Q(result="") if value else ~Q(result=""))


class LetterFilter(django_filters.FilterSet):
    signed = django_filters.BooleanFilter(field_name="signed_on", lookup_expr="isnull", exclude=True, label="已签订")

    class Meta:
        model = ResponsibilityLetter
        fields = ["year", "kind", "signer_unit", "signed"]


class AccountabilityFilter(django_filters.FilterSet):
    class Meta:
        model = AccountabilityRecord
        fields = ["task", "unit", "measure", "dual_accountability"]
