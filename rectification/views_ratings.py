"""The commission's ranking of the public satisfaction rating, and the talks (约谈) with low-ranked units."""

from datetime import date

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from common.service_forms import form_page
from rectification import access
from rectification.forms_ratings import TalkForm
from rectification.selectors_ratings import LOW_SCORE, RULE, ranking_for
from rectification.services_ratings import period_end, period_label, recent_periods, talk_create

PAGE_SIZE = 50


def _commission_only(request: HttpRequest) -> None:
    if not access.can_rank_ratings(request.user):
        raise Http404


def _chosen_period(value: str | None, periods: list[date]) -> tuple[date, str]:
    """The period asked for, or the current one with a message when the value is not one of ``periods``."""
    if not value:
        return periods[0], ""
    try:
        period = date.fromisoformat(value)
    except ValueError:
        period = None
    if period not in periods:
        return periods[0], "所选测评期无效，已显示本季度。"
    return period, ""


def rating_ranking(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    periods = recent_periods(timezone.localdate())
    period, period_error = _chosen_period(request.GET.get("period"), periods)
    context = {
        "groups": ranking_for(period),
        "period": period,
        "period_label": period_label(period),
        "period_end": period_end(period),
        "options": [(option, period_label(option)) for option in periods],
        "period_error": period_error,
        "rule": RULE,
        "low_score": LOW_SCORE,
    }
    return render(request, "rectification/rating_ranking.html", context)


def talk_list(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    page = Paginator(access.talks_visible(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    for talk in page:
        talk.period_label = period_label(talk.period)
    return render(request, "rectification/talk_list.html", {"page": page})


def talk_new(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    periods = recent_periods(timezone.localdate())
    initial = {"unit": request.GET.get("unit"), "period": request.GET.get("period")}
    form = TalkForm(request.POST or None, initial=initial, periods=periods)

    def create() -> None:
        talk_create(**form.cleaned_data, user=request.user)

    done, then = "约谈记录已登记。", reverse("rectification:talk-list")
    return form_page(request, form, create, done=done, then=then, template="rectification/talk_form.html", context={})
