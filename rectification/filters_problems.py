import django_filters
from django.db.models import Q, QuerySet

from common.day_filters import SinceDayFilter, UntilDayFilter
from orgs.access import units_visible
from orgs.models import Unit
from orgs.widgets import UnitPicker
from rectification.forms_problems import DATE, RECTIFYING_KINDS, rectifying_units
from rectification.models import Commitment, Problem


class ProblemFilter(django_filters.FilterSet):
    """The staff problem list; a unit officer's rows are already scoped, and the unit choice follows them."""

    q = django_filters.CharFilter(method="search", label="搜索")
    unit = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.none(), label="责任单位", widget=UnitPicker(lookup={"kind": RECTIFYING_KINDS})
    )
    source = django_filters.ChoiceFilter(choices=Problem.Source.choices, label="来源")
    level = django_filters.ChoiceFilter(choices=Problem.Level.choices, label="层级")
    status = django_filters.ChoiceFilter(choices=Problem.Status.choices, label="状态")
    is_common = django_filters.TypedChoiceFilter(
        choices=[("1", "共性问题"), ("0", "个性问题")], coerce=lambda value: value == "1", label="共性/个性"
    )
    # Local (Shanghai) days of registration, as the dashboard counts a period's problems.
    since = SinceDayFilter(field_name="created_at", label="登记日期起", widget=DATE)
    until = UntilDayFilter(field_name="created_at", label="登记日期止", widget=DATE)

    class Meta:
        model = Problem
        fields = ["q", "unit", "source", "level", "status", "is_common", "since", "until"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = units_visible(user).filter(kind__in=RECTIFYING_KINDS)

    def search(self, queryset: QuerySet[Problem], name: str, value: str) -> QuerySet[Problem]:
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))


class PublicCommitmentFilter(django_filters.FilterSet):
    """The public page: by kind of unit, unit, and words of the published text only."""

    q = django_filters.CharFilter(method="search", label="搜索")
    kind = django_filters.ChoiceFilter(
        field_name="problem__unit__kind",
        choices=[(kind.value, kind.label) for kind in RECTIFYING_KINDS],
        label="单位类别",
    )
    unit = django_filters.ModelChoiceFilter(
        field_name="problem__unit",
        queryset=rectifying_units().only("pk", "name"),
        label="单位",
        widget=UnitPicker(lookup={"kind": RECTIFYING_KINDS}, url_name="orgs:public-unit-lookup"),
    )

    class Meta:
        model = Commitment
        fields = ["q", "kind", "unit"]

    def search(self, queryset: QuerySet[Commitment], name: str, value: str) -> QuerySet[Commitment]:
        match = Q(published_problem__icontains=value) | Q(measures__icontains=value)
        return queryset.filter(match | Q(problem__unit__name__icontains=value))
