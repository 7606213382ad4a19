from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from orgs import access
from orgs.filters import UnitFilter
from orgs.models import Unit

PAGE_SIZE = 30


def unit_list(request: HttpRequest) -> HttpResponse:
    units = access.units_visible(request.user)
    unit_filter = UnitFilter(request.GET, queryset=units)
    units = unit_filter.qs if unit_filter.is_valid() else units.none()
    query = request.GET.get("q", "").strip()
    if query:
        units = units.filter(Q(name__icontains=query) | Q(parent__name__icontains=query))
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "orgs/unit_list.html",
        {"page": page, "filter": unit_filter, "query": query, "kinds": Unit.Kind.choices},
    )


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(access.units_visible(request.user), pk=pk)
    people = access.people_visible(request.user).filter(unit=unit)
    return render(request, "orgs/unit_detail.html", {"unit": unit, "people": people})


def my_unit(request: HttpRequest) -> HttpResponse:
    unit_id = access.actor_of(request.user).unit_id
    if unit_id is None:
        raise Http404
    return redirect("orgs:unit-detail", pk=unit_id)
