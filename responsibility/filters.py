import django_filters
from django.db.models import Q, QuerySet

from orgs.models import Person, Role, Unit
from orgs.widgets import UnitPicker
from responsibility.access import unit_tasks
from responsibility.models import Plan, SupervisionNotice, Task, TaskCoUnit
from responsibility.periods import today


class TaskFilter(django_filters.FilterSet):
    """One filter for the ledger page, its exports and the API; expects ``selectors.with_lagging`` rows."""

    q = django_filters.CharFilter(method="search", label="搜索")
    year = django_filters.NumberFilter(field_name="plan__year", label="年度")
    plan = django_filters.ModelChoiceFilter(queryset=Plan.objects.all(), label="专项治理方案")
    owner = django_filters.ModelChoiceFilter(
        queryset=Person.objects.filter(role_assignments__role=Role.COUNTY_LEADER), label="责任领导"
    )
    lead_unit = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.filter(is_lead_unit=True), label="牵头单位", widget=UnitPicker(lookup={"lead": "1"})
    )
    co_unit = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.filter(is_co_unit=True),
        method="filter_co_unit",
        label="协办单位",
        widget=UnitPicker(lookup={"co": "1"}),
    )
    # Lead or co-unit: the dashboard's unit filter, so its figures link to exactly the tasks they count.
    unit = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.all(), method="filter_unit", label="涉及单位", widget=UnitPicker()
    )
    status = django_filters.ChoiceFilter(choices=Task.Status.choices, label="状态")
    lagging = django_filters.BooleanFilter(field_name="is_lagging", label="滞后")
    ordering = django_filters.OrderingFilter(
        fields=(
            ("number", "number"),
            ("plan__number", "plan"),
            ("status", "status"),
            ("progress", "progress"),
            ("last_report_at", "last_report"),
            ("next_milestone", "next_milestone"),
        ),
        field_labels={
            "number": "任务编号",
            "plan__number": "方案",
            "status": "状态",
            "progress": "进度",
            "last_report_at": "最近报送",
            "next_milestone": "下一节点",
        },
        label="排序",
    )

    class Meta:
        model = Task
        fields = ["q", "year", "plan", "owner", "lead_unit", "co_unit", "unit", "status", "lagging"]

    def search(self, queryset: QuerySet[Task], name: str, value: str) -> QuerySet[Task]:
        match = Q(title__icontains=value) | Q(content__icontains=value) | Q(plan__title__icontains=value)
        if value.isdigit():
            match |= Q(number=int(value))
        return queryset.filter(match)

    def filter_co_unit(self, queryset: QuerySet[Task], name: str, value: Unit) -> QuerySet[Task]:
        return queryset.filter(pk__in=TaskCoUnit.objects.filter(unit=value).values("task_id"))

    def filter_unit(self, queryset: QuerySet[Task], name: str, value: Unit) -> QuerySet[Task]:
        return queryset.filter(unit_tasks(value.pk))


NOTICE_STATES = [("open", "未办结"), ("unanswered", "未回复"), ("overdue", "逾期未回复"), ("closed", "已办结")]


class NoticeFilter(django_filters.FilterSet):
    """The notices page's tabs and the API's ``state`` filter."""

    state = django_filters.ChoiceFilter(
        label="状态",
        method="filter_state",
        choices=NOTICE_STATES,
    )

    class Meta:
        model = SupervisionNotice
        fields = ["task", "unit", "state"]

    def filter_state(self, queryset: QuerySet[SupervisionNotice], name: str, value: str) -> QuerySet:
        if value == "closed":
            return queryset.filter(closed_at__isnull=False)
        queryset = queryset.filter(closed_at__isnull=True)
        if value in ("unanswered", "overdue"):
            queryset = queryset.filter(replied_at__isnull=True)
        if value == "overdue":
            queryset = queryset.filter(reply_deadline__lt=today())
        return queryset
