"""Who sees the dashboard and at what scope: the one place that decides it for the dashboard's view."""

import calendar
from datetime import date

from django import forms
from django.db.models import Q
from django.http import Http404

from dashboard.figures import Scope
from orgs.access import actor_of, units_visible
from orgs.models import Role, Unit
from orgs.widgets import UnitPicker

FIRST_YEAR = 2016  # the checklist programme's first year in the seed county; earlier years hold nothing
MONTHS = [("", "全年")] + [(str(m), f"{m}月") for m in range(1, 13)]


class DashboardFilter(forms.Form):
    year = forms.TypedChoiceField(label="年度", coerce=int)
    month = forms.TypedChoiceField(label="月份", choices=MONTHS, coerce=int, required=False, empty_value=None)
    unit = forms.ModelChoiceField(
        label="单位",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="全部单位",
        widget=UnitPicker(lookup={"active": "1"}),
    )

    def __init__(self, *args, today: date, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, f"{y}年") for y in range(today.year, FIRST_YEAR - 1, -1)]
        self.fields["year"].error_messages["invalid_choice"] = f"请选择{FIRST_YEAR}年至{today.year}年之间的年度。"
        self.fields["month"].error_messages["invalid_choice"] = "请选择1至12月，或全年。"
        self.fields["unit"].queryset = units
        self.fields["unit"].error_messages["invalid_choice"] = "所选单位不存在或不在您的查看范围内。"


def leader_units(person_id: int) -> frozenset[int]:
    """The units a county leader's tasks involve: their lead units and co-units (one query)."""
    involved = Unit.objects.filter(Q(led_tasks__owner_id=person_id) | Q(co_task_links__task__owner_id=person_id))
    return frozenset(involved.values_list("pk", flat=True).distinct())


def dashboard_scope(user, params, today: date) -> tuple[Scope, DashboardFilter]:
    """The scope the user may see, narrowed by the filter; a bad filter falls back to this year, with its error
    shown. Anybody but the commission and county leaders gets a 404, as for any page not theirs."""
    actor = actor_of(user)
    if actor.is_commission:
        owner_id, unit_ids = None, None
    elif actor.holds(Role.COUNTY_LEADER) and actor.person_id is not None:
        owner_id, unit_ids = actor.person_id, leader_units(actor.person_id)
    else:
        raise Http404
    units = units_visible(user).filter(is_active=True)
    if unit_ids is not None:
        units = units.filter(pk__in=unit_ids)
    form = DashboardFilter(params or None, today=today, units=units.order_by("kind", "sort_order", "pk"),
                           initial={"year": today.year})  # fmt: skip
    year, month, unit = today.year, None, None
    if form.is_bound and form.is_valid():
        year, month, unit = form.cleaned_data["year"], form.cleaned_data["month"], form.cleaned_data["unit"]
    start = date(year, month or 1, 1)
    end = date(year, month or 12, calendar.monthrange(year, month or 12)[1])
    scope = Scope(year=year, month=month, start=start, end=end, unit_id=unit.pk if unit else None,
                  owner_id=owner_id, unit_ids=unit_ids, links=actor.is_commission)  # fmt: skip
    return scope, form
