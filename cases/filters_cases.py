"""Filters of the case list: stage, and the dates, accused unit and four forms a dashboard figure links with."""

import django_filters
from django.db.models import Exists, OuterRef, QuerySet

from cases.filters_intake import DATE_INPUT
from cases.models import Case, CasePerson, FourForms
from common.day_filters import SinceDayFilter, UntilDayFilter
from orgs.models import Unit
from orgs.widgets import UnitPicker


class CaseFilter(django_filters.FilterSet):
    stage = django_filters.ChoiceFilter(choices=Case.Stage.choices, label="阶段", empty_label="全部")
    opened_since = SinceDayFilter(field_name="opened_at", label="初核日期自", widget=DATE_INPUT)
    opened_until = UntilDayFilter(field_name="opened_at", label="初核日期至", widget=DATE_INPUT)
    concluded_since = django_filters.DateFilter(
        field_name="concluded_on", lookup_expr="gte", label="结案日期自", widget=DATE_INPUT
    )
    concluded_until = django_filters.DateFilter(
        field_name="concluded_on", lookup_expr="lte", label="结案日期至", widget=DATE_INPUT
    )
    # A case's unit is its clue's accused unit, as in the dashboard's figures.
    unit = django_filters.ModelChoiceFilter(
        field_name="clue__accused_unit",
        queryset=Unit.objects.all(),
        label="被反映人单位",
        empty_label="全部",
        widget=UnitPicker(),
    )
    form = django_filters.ChoiceFilter(
        choices=FourForms.choices, method="filter_form", label="涉案人员形态", empty_label="全部"
    )

    class Meta:
        model = Case
        fields = ["stage", "opened_since", "opened_until", "concluded_since", "concluded_until", "unit", "form"]

    def filter_form(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        # EXISTS, not a join: the list counts each case's persons and documents, which a join would multiply.
        return queryset.filter(Exists(CasePerson.objects.filter(case=OuterRef("pk"), form=value)))
