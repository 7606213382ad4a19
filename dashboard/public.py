"""The public portal (/public/): how to report, the latest published commitments and exposures, the satisfaction
rating, and the county's headline figures for the year.

Nothing personal is read here: the figures are counts, and of commitments and exposures only the fields their own
public pages already show (``PUBLIC_FIELDS`` of those pages). The satisfaction ranking is the commission's, not the
public's, so only the rating form is linked."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cases import access as cases_access
from cases import views_public_exposure
from cases.models import Case, Clue, Report
from rectification import views_public_commitments
from rectification.access import commitments_public
from rectification.models import Acceptance

LATEST = 5
FIGURES_SECONDS = 600  # counts a visitor cannot tell from ten minutes old, and no four COUNTs per page view


@dataclass(frozen=True)
class Headline:
    label: str
    value: int
    unit: str


def headline_figures(year: int) -> list[Headline]:
    """The year's figures, by the same dates as the commission's statistics page: reports received, clues
    proposed, cases filed, and rectifications closed (acceptance passed, 验收销号) in the year. Cached."""
    key = f"public_portal:figures:{year}"
    figures = cache.get(key)
    if figures is None:
        figures = _count(year)
        cache.set(key, figures, FIGURES_SECONDS)
    return figures


def _count(year: int) -> list[Headline]:
    closed = Acceptance.objects.filter(result=Acceptance.Result.PASSED, decided_at__year=year)
    return [
        Headline("收到信访举报", Report.objects.filter(received_at__year=year).count(), "件"),
        Headline("问题线索", Clue.objects.filter(proposed_at__year=year).count(), "条"),
        Headline("立案审查调查", Case.objects.filter(filed_on__year=year).count(), "件"),
        # A passed acceptance closes its problem for good; distinct all the same, so a problem counts once.
        Headline("整改验收销号", closed.aggregate(n=Count("problem", distinct=True))["n"], "个"),
    ]


def _latest_commitments() -> list:
    rows = commitments_public().select_related("problem__unit").only(*views_public_commitments.PUBLIC_FIELDS)
    return list(rows.order_by("-published_at", "-pk")[:LATEST])


def _latest_exposures() -> list:
    rows = cases_access.exposures_public().only(*views_public_exposure.PUBLIC_FIELDS)
    return list(rows.order_by("-published_at", "-pk")[:LATEST])


@login_not_required
def portal(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    context = {
        "year": year,
        "figures": headline_figures(year),
        "commitments": _latest_commitments(),
        "exposures": _latest_exposures(),
    }
    return render(request, "dashboard/portal.html", context)
