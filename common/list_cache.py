"""Short-lived caching of list pages and their counts, kept safe by a generation number that every write moves on.

A cached page is only ever served to the session (and API credentials) it was rendered for, for at most ``TTL``
seconds, and never after any model was saved or deleted or any unsafe request answered: each of these moves the
generation on (``move_on``), and the generation is part of every key. The time to live (``settings.LIST_CACHE_SECONDS``,
0 to switch caching off) bounds what only the clock changes: what is overdue as of today.
"""

import hashlib
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import method_decorator

GENERATION_KEY = "lists:generation"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Set while an unsafe request runs: its saves leave moving on to the request's end, once for all of them.
_moving_on_at_the_end: ContextVar[bool] = ContextVar("list_cache_moving_on_at_the_end", default=False)


def seconds() -> int:
    return settings.LIST_CACHE_SECONDS


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


# Rows no list shows, written on sign-in and every minute of a session: they must not empty everybody's cache.
NOT_LISTED = frozenset({"sessions.Session", "accounts.UserSession", "axes.AccessAttempt", "axes.AccessLog",
                        "axes.AccessFailureLog", "axes.AccessAttemptExpiration", "otp_totp.TOTPDevice"})  # fmt: skip


def move_on(sender=None, **_signal_arguments) -> None:
    """Forget every cached page and count: a signal receiver for saves and deletes, also called after writes."""
    if sender is not None and (_moving_on_at_the_end.get() or sender._meta.label in NOT_LISTED):
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value differs from the keys stored before
        cache.add(GENERATION_KEY, 1, timeout=None)


class MoveOnAfterWritesMiddleware:
    """Moves on once at the end of every unsafe request, whatever it wrote: writes that bypass model signals
    (``QuerySet.update``) happen in answer to such requests, and the request's many saves cost one increment."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in UNSAFE_METHODS:
            return self.get_response(request)
        token = _moving_on_at_the_end.set(True)
        try:
            return self.get_response(request)
        finally:
            _moving_on_at_the_end.reset(token)
            move_on()


def _page_key(request: HttpRequest) -> str:
    who = "\n".join(
        (
            request.COOKIES.get(settings.SESSION_COOKIE_NAME, ""),
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),  # the page's forms carry a token for this cookie
            request.META.get("HTTP_AUTHORIZATION", ""),
            request.META.get("HTTP_ACCEPT", ""),
            request.get_full_path(),
        )
    )
    return f"list:{generation()}:{hashlib.sha256(who.encode()).hexdigest()}"


def _store(key: str, response: HttpResponse) -> None:
    cacheable = (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "no-store" not in response.get("Cache-Control", "")
    )
    if cacheable:
        cache.set(key, (response.content, response["Content-Type"]), seconds())


def cached_list(view: Callable) -> Callable:
    """Serves a GET list page (or API list) from the cache when the same visitor asked for it within ``seconds()``
    and nothing was written since. Pages showing one-off messages are neither served nor stored."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or not seconds() or len(get_messages(request)):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if callable(getattr(response, "render", None)) and not response.is_rendered:
            response.add_post_render_callback(lambda rendered: _store(key, rendered))
        else:
            _store(key, response)
        return response

    return wrapper


class CachedListMixin:
    """For API viewsets: ``list`` through ``cached_list`` (after DRF has authenticated and checked permissions)."""

    @method_decorator(cached_list)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)
