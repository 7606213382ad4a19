"""Statistics (统计分析) for the commission: the year's figures and the monthly table for the superior commission.

Anyone outside the commission gets 404, as for any page of reports and cases.
"""

import io

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cases import access, statistics
from cases.statistics_export import monthly_title, monthly_workbook
from files.responses import stream_attachment

YEARS_OFFERED = 6


def _commission_only(request: HttpRequest) -> None:
    if not access.is_commission(request.user):
        raise Http404


def statistics_page(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    today = timezone.localdate()
    asked = request.GET.get("year", "")
    parsed = statistics.parse_year(asked, today=today)
    context = {
        "summary": statistics.year_summary(request.user, parsed or today.year),
        "years": range(today.year, today.year - YEARS_OFFERED, -1),
        "year_error": "所选年度无效，已显示本年度。" if asked and parsed is None else "",
    }
    return render(request, "cases/statistics/overview.html", context)


def _month_asked(request: HttpRequest) -> tuple:
    """The month asked for (default: the last one, which the report covers) and an error if it was invalid."""
    today = timezone.localdate()
    asked = request.GET.get("month", "")
    month = statistics.parse_month(asked, today=today)
    error = "所选月份无效，已显示上月。" if asked and month is None else ""
    return month or statistics.previous_month(today), error


def monthly_page(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    month, error = _month_asked(request)
    table = statistics.monthly_table(request.user, month)
    context = {"table": table, "title": monthly_title(table), "headers": statistics.MONTHLY_HEADERS, "error": error}
    return render(request, "cases/statistics/monthly.html", context)


def monthly_export(request: HttpRequest) -> HttpResponse:
    """A few dozen rows: written at once and downloaded, no background job."""
    _commission_only(request)
    month, _ = _month_asked(request)
    stream = io.BytesIO()
    filename = monthly_workbook(statistics.monthly_table(request.user, month), stream)
    stream.seek(0)
    return stream_attachment(stream, filename)
