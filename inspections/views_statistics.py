"""Inspection statistics (明察暗访统计): the commission's only; everybody else gets 404, as for a missing page."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cases.statistics import parse_year
from inspections import access, statistics

YEARS_OFFERED = 6


def statistics_page(request: HttpRequest) -> HttpResponse:
    if not access.is_commission(request.user):
        raise Http404
    today = timezone.localdate()
    asked = request.GET.get("year", "")
    year = parse_year(asked, today=today)
    context = {
        "summary": statistics.year_summary(request.user, year or today.year),
        "years": range(today.year, today.year - YEARS_OFFERED, -1),
        "year_error": "所选年度无效，已显示本年度。" if asked and year is None else "",
    }
    return render(request, "inspections/statistics.html", context)
