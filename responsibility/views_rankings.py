"""Rankings (排名考核): a period's stored ranking, or the open period's live preview; staff generate closed ones."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from responsibility import access, rankings
from responsibility.models import Ranking
from responsibility.periods import today
from responsibility.ranking_periods import Period, last_closed, period_parse, ranking_page_url, recent_periods

# How many periods the selector offers, newest first from the open one.
SELECTOR_LENGTH = {Ranking.Kind.MONTHLY: 24, Ranking.Kind.QUARTERLY: 12, Ranking.Kind.ANNUAL: 6}


def _kind(value: str) -> str:
    return value if value in Ranking.Kind.values else Ranking.Kind.MONTHLY


def _state(period: Period, stored: set, day: date) -> str:
    if period.start in stored:
        return "已生成"
    return "" if period.is_closed(day) else "进行中"


def _period_options(user, period: Period, day: date) -> list[dict]:
    stored = set(access.rankings_visible(user).filter(kind=period.kind).values_list("period_start", flat=True))
    periods = recent_periods(period.kind, day, SELECTOR_LENGTH[period.kind])
    if period not in periods:
        periods.append(period)
    return [{"period": p, "selected": p == period, "state": _state(p, stored, day)} for p in periods]


def ranking_page(request: HttpRequest) -> HttpResponse:
    """Tabs by kind, a period selector (default: the last closed period), the ranking and its rule."""
    if not access.can_see_rankings(request.user):
        raise Http404
    day, kind, key = today(), _kind(request.GET.get("kind", "")), request.GET.get("period", "")
    parsed = period_parse(kind, key) if key else None
    period = parsed or last_closed(kind, day)
    view = rankings.ranking_view(request.user, period, day)
    context = {
        "kinds": Ranking.Kind.choices, "kind": kind, "kind_label": Ranking.Kind(kind).label, "period": period,
        "view": view,
        "period_error": "所选期间无效，已显示最近一个已结束的期间。" if key and parsed is None else "",
        "options": _period_options(request.user, period, day),
        "weights": {c["key"]: c["weight"] for c in view.rule["components"]} if view else {},
        "is_closed": period.is_closed(day), "is_future": period.is_future(day),
        "can_generate": access.can_supervise(request.user) and period.is_closed(day) and view is None,
    }  # fmt: skip
    return render(request, "responsibility/rankings.html", context)


@require_POST
def ranking_generate(request: HttpRequest) -> HttpResponse:
    if not (access.can_see_rankings(request.user) and access.can_supervise(request.user)):
        raise Http404
    kind = _kind(request.POST.get("kind", ""))
    period = period_parse(kind, request.POST.get("period", ""))
    if period is None:
        messages.error(request, "所选期间无效，未生成排名。")
        return redirect(f"{reverse('responsibility:rankings')}?kind={kind}")
    try:
        rankings.ranking_compute(kind=kind, period_start=period.start)
        messages.success(request, f"已生成{Ranking.Kind(kind).label}（{period.label}）。")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect(ranking_page_url(period))
