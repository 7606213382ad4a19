"""The holiday checkpoint calendar (节点检查): internal, for the commission and the inspectors; units get 404."""

import re
from datetime import date, timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from inspections import access, checkpoints

COMING_DAYS = 365


def parse_year(value: str) -> int | None:
    """A year the calendar covers (2000–2099), or None."""
    if not re.fullmatch(r"\d{4}", value or ""):
        return None
    year = int(value)
    return year if checkpoints.FIRST_YEAR <= year <= checkpoints.LAST_YEAR else None


def checkpoint_list(request: HttpRequest) -> HttpResponse:
    if not access.sees_inspections(request.user):
        raise Http404
    today = timezone.localdate()
    asked = request.GET.get("year", "")
    year = parse_year(asked)
    context = {
        "year": year,
        "items": checkpoints.checkpoints_for(year) if year else _coming(today),
        "today": today,
        "first_year": checkpoints.FIRST_YEAR,
        "last_year": checkpoints.LAST_YEAR,
        "year_error": f"年份无效，请输入 {checkpoints.FIRST_YEAR} 至 {checkpoints.LAST_YEAR} 之间的年份。"
        if asked and year is None
        else "",
    }
    return render(request, "inspections/checkpoints.html", context)


def _coming(today: date) -> list[checkpoints.Checkpoint]:
    return checkpoints.between(today, today + timedelta(days=COMING_DAYS))
