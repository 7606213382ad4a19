"""The public satisfaction rating (群众测评) at /public/rating/: no login, one page, a phone-sized form.

Every POST is counted against the client address first (``cases.public_limits``), before the captcha and the form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from cases.public_limits import TOO_MANY_CAPTCHAS, over_limit, too_many_page
from common.service_forms import run_service
from rectification.forms_ratings import RatingForm
from rectification.services_ratings import period_end, period_label, period_of, rated_units, rating_submit

TOO_MANY_RATINGS = "您的操作过于频繁。为防止刷票，同一网络每小时的评价次数有限，请一小时后再试。"
THANKS = "评价已提交，感谢您对整改工作的监督！"


@login_not_required
def rating_form(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and over_limit(request, "rating"):
        return too_many_page(request, TOO_MANY_RATINGS)
    if request.method != "POST" and over_limit(request, "captcha"):  # the blank form draws a captcha
        return too_many_page(request, TOO_MANY_CAPTCHAS)
    form = RatingForm(request.POST or None, units=list(rated_units()))
    if request.method == "POST" and run_service(form, lambda: _submit(form)):
        messages.success(request, THANKS)
        return redirect("rectification_public:rating-form")
    period = period_of(timezone.localdate())
    context = {"form": form, "period": period, "period_label": period_label(period), "period_end": period_end(period)}
    response = render(request, "public/rating_form.html", context)
    add_never_cache_headers(response)  # the page may hold a phone number typed in
    return response


def _submit(form: RatingForm) -> None:
    data = form.cleaned_data
    rating_submit(unit=form.units[data["unit"]], stars=data["stars"], phone=data["phone"], comment=data["comment"])
