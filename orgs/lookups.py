"""Units by name for the unit picker (``orgs.widgets.UnitPicker``): a few at a time, within what the user sees."""

from django.contrib.auth.decorators import login_not_required
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse

from orgs.access import units_visible
from orgs.models import Unit

FOUND_AT_MOST = 20


def matching_units(units: QuerySet[Unit], params) -> QuerySet[Unit]:
    """``units`` whose name holds ``q``, narrowed by the picker's flags (``active``, ``lead``, ``co``, repeated
    ``kind``); an unknown kind simply matches nothing."""
    units = units.filter(name__icontains=params.get("q", "").strip())
    if params.get("active") == "1":
        units = units.filter(is_active=True)
    if params.get("lead") == "1":
        units = units.filter(is_lead_unit=True)
    if params.get("co") == "1":
        units = units.filter(is_co_unit=True)
    if kinds := params.getlist("kind"):
        units = units.filter(kind__in=kinds)
    return units


def _found(units: QuerySet[Unit]) -> JsonResponse:
    found = units.values("pk", "name")[:FOUND_AT_MOST]
    return JsonResponse({"results": [{"id": unit["pk"], "name": unit["name"]} for unit in found]})


def unit_lookup(request: HttpRequest) -> JsonResponse:
    return _found(matching_units(units_visible(request.user), request.GET))


@login_not_required
def public_unit_lookup(request: HttpRequest) -> JsonResponse:
    """For the public pages' unit filters: the names of active units, which the public portal shows anyway."""
    return _found(matching_units(Unit.objects.filter(is_active=True), request.GET))
