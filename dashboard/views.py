from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from common.list_cache import cached_list
from dashboard.figures import sections_for
from dashboard.scope import dashboard_scope


@cached_list
def dashboard(request: HttpRequest) -> HttpResponse:
    """The leadership dashboard (驾驶舱): the county for the commission, a county leader's own tasks and units."""
    scope, form = dashboard_scope(request.user, request.GET, timezone.localdate())
    context = {"scope": scope, "form": form, "sections": sections_for(scope)}
    return render(request, "dashboard/dashboard.html", context)
