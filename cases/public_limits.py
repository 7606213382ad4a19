"""Per-address limits on the public report form, query and API, counted in the shared cache (django-ratelimit).

Checked first in every public POST, before the captcha, the form and any password hashing, so neither a flood of
reports nor a flood of guesses can make the server spend its time on PBKDF2. The page and the API share one
count per action, so switching between them gains nothing. The address is ``REMOTE_ADDR`` unless
``RATELIMIT_IP_META_KEY`` names the header a trusted reverse proxy sets; IPv6 addresses count per /64.

Drawing a captcha costs a database row and a picture, so every place that draws one (the form pages, the
library's image and "换一张" views, the public API) also counts against a "captcha" budget.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

TOO_MANY = "您的操作过于频繁。为防止滥用，同一网络每小时的举报和查询次数有限，请一小时后再试。"
TOO_MANY_CAPTCHAS = "验证码获取过于频繁。为防止滥用，同一网络每小时可获取的验证码有限，请稍后再试。"
RETRY_AFTER_SECONDS = 3600


def over_limit(request: HttpRequest, action: str) -> bool:
    """Count this request against its address's hourly budget for ``action``: "submit", "query", "rating"
    or "captcha"."""
    rate = {
        "submit": settings.PUBLIC_SUBMIT_RATE,
        "query": settings.PUBLIC_QUERY_RATE,
        "rating": settings.PUBLIC_RATING_RATE,  # the rectification app's public satisfaction rating
        "captcha": settings.PUBLIC_CAPTCHA_RATE,
    }[action]
    return is_ratelimited(
        request, group=f"public-report-{action}", key=_address_key(request), rate=rate, increment=True
    )


def _address_key(request: HttpRequest) -> str | Callable[[str, HttpRequest], str]:
    """By address; a request without the address header (one that came round the proxy) would make the library
    fail with a 500, so all such requests share one budget instead."""
    if (settings.RATELIMIT_IP_META_KEY or "REMOTE_ADDR") in request.META:
        return "ip"
    return lambda group, request: "address-missing"


def too_many_page(request: HttpRequest, message: str = TOO_MANY) -> HttpResponse:
    response = render(request, "public/too_many.html", {"message": message}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def too_many_json(message: str = TOO_MANY) -> JsonResponse:
    """The 429 for machine clients (the captcha views): a JSON ``detail`` like the public API's."""
    response = JsonResponse({"detail": message}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def captcha_limited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap one of django-simple-captcha's views: each call counts against the address's captcha budget."""

    @wraps(view)
    def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if over_limit(request, "captcha"):
            return too_many_json(TOO_MANY_CAPTCHAS)
        return view(request, *args, **kwargs)

    return limited
