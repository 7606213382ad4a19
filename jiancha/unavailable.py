"""While the database is down: a 503 that says "try again later" instead of a 500, on every page and API.

A database error can surface in the view or in a middleware before it (the session, the signed-in user), where
Django has already turned it into a 500 by the time an outer middleware sees the answer. So the error is caught in
both places: ``process_exception`` for the view's own, and Django's ``got_request_exception`` signal, which marks
the request when a database error became a 500 anywhere inside, for the rest.

Pages that keep what the person typed (the public report form) register a renderer for their URL name here, so the
person gets their text back in a form to send again rather than a bare apology.
"""

import logging
import sys
from collections.abc import Callable

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60
API_MESSAGE = "系统暂时无法连接数据库，请求没有完成，请稍后再试。"
_MARK = "_jiancha_database_down"
# URL name → a renderer of the request's own 503 page, which must not touch the database.
_keeping_pages: dict[str, Callable[[HttpRequest], HttpResponse]] = {}


def keep_typing(url_name: str, render: Callable[[HttpRequest], HttpResponse]) -> None:
    """While the database is down, answer a POST to ``url_name`` with ``render(request)`` (status 503)."""
    _keeping_pages[url_name] = render


def _mark_database_down(sender, request: HttpRequest | None = None, **kwargs) -> None:
    if request is not None and isinstance(sys.exc_info()[1], DATABASE_DOWN):
        setattr(request, _MARK, True)


class DatabaseUnavailableMiddleware:
    """Near the top of MIDDLEWARE: it must be outside everything that reads the database (sessions, users)."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response
        got_request_exception.connect(_mark_database_down, dispatch_uid="jiancha.unavailable")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _MARK, False):
            return unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_DOWN):
            logger.warning("database unavailable: %s %s: %s", request.method, request.path, exception)
            return unavailable_response(request)
        return None


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 for this request, drawn without the database: no context processors, no user, no session."""
    keeping = _keeping_pages.get(_url_name(request)) if request.method == "POST" else None
    if keeping is not None:
        response = keeping(request)
    elif request.path_info.startswith("/api/"):
        response = JsonResponse({"detail": API_MESSAGE}, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def _url_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""
