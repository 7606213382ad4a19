"""Session limits, the two-factor gate and the log of denied access, around every request."""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, resolve_url
from django.utils.http import urlencode
from rest_framework.authentication import SessionAuthentication
from rest_framework.views import APIView

from accounts.otp import confirmed_device, otp_required
from accounts.security_log import log_event
from accounts.sessions import LOGIN_AT, SEEN_AT, SEEN_RESOLUTION_SECONDS, session_expiry_reason, session_stamp
from accounts.signals import EXPIRY_REASON_ATTR

EXPIRY_MESSAGES = {
    "idle": "您已超过 {minutes} 分钟未操作，为安全起见已退出登录，请重新登录。",
    "absolute": "本次登录已超过 {hours} 小时，为安全起见已退出登录，请重新登录。",
}
# Reachable before the second factor: the pages that ask for it and the way out.
OTP_EXEMPT_VIEWS = frozenset({"accounts:otp-verify", "accounts:otp-setup", "logout"})


class SessionLimitsMiddleware:
    """Ends a signed-in session idle longer than STAFF_SESSION_IDLE_MINUTES or older than STAFF_SESSION_MAX_HOURS.

    Reads only the session (no query); writes the last-activity time at most once a minute, not on every request.
    """

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if session.get(SESSION_KEY) is not None:
            self._check(request, session, time.time())
        return self.get_response(request)

    def _check(self, request: HttpRequest, session, now: float) -> None:
        if session.get(LOGIN_AT) is None:
            session_stamp(session, now)  # a session from before these limits: they start now
            return
        reason = session_expiry_reason(session, now)
        if reason is None:
            if now - session[SEEN_AT] >= SEEN_RESOLUTION_SECONDS:
                session[SEEN_AT] = int(now)
            return
        setattr(request, EXPIRY_REASON_ATTR, reason)
        logout(request)
        text = EXPIRY_MESSAGES[reason].format(
            minutes=settings.STAFF_SESSION_IDLE_MINUTES, hours=settings.STAFF_SESSION_MAX_HOURS
        )
        messages.warning(request, text)


class OTPRequiredMiddleware:
    """Sends a commission user who has given only the password to the code page (or to enrol a device first)."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if not settings.OTP_REQUIRED_FOR_COMMISSION or not self._uses_session_login(view_func):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or not otp_required(user):
            return None
        if request.resolver_match and request.resolver_match.view_name in OTP_EXEMPT_VIEWS:
            return None
        if _api_view_class(view_func) is not None:
            return JsonResponse({"detail": "请先完成动态口令验证。"}, status=403)
        target = "accounts:otp-verify" if confirmed_device(user) else "accounts:otp-setup"
        return redirect(f"{resolve_url(target)}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def _uses_session_login(view_func) -> bool:
        """Pages that need a login, and API views that accept the session (DRF marks all its views as not needing
        Django's login, since it checks permissions itself; the public API takes no credentials at all)."""
        view_class = _api_view_class(view_func)
        if view_class is not None:
            return any(issubclass(auth, SessionAuthentication) for auth in view_class.authentication_classes)
        return getattr(view_func, "login_required", True) is not False


def _api_view_class(view_func) -> type[APIView] | None:
    view_class = getattr(view_func, "cls", None)
    return view_class if isinstance(view_class, type) and issubclass(view_class, APIView) else None


class SecurityLogMiddleware:
    """Logs every refusal: 401 and 403 answers, 404s to signed-in users, anonymous requests sent to the login page.

    Names the view, never the path's query string (a search may hold a name).
    """

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response
        self.login_path = ""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        status = response.status_code
        if status in (401, 403):
            self._log("access.denied", request, status)
        elif status == 404 and request.user.is_authenticated:
            # Scoping answers "not yours" with 404: a run of them from one account is someone probing ids.
            self._log("access.not_found", request, status, level=logging.INFO)
        elif status == 302 and self._to_login(request, response):
            self._log("access.login_required", request, status)
        return response

    def _to_login(self, request: HttpRequest, response: HttpResponse) -> bool:
        if not self.login_path:
            self.login_path = resolve_url(settings.LOGIN_URL)
        return not request.user.is_authenticated and response.get("Location", "").startswith(self.login_path + "?")

    def _log(self, event: str, request: HttpRequest, status: int, level: int = logging.WARNING) -> None:
        match = request.resolver_match
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        view = match.view_name if match else "-"
        log_event(event, request, user_id=user_id, view=view, method=request.method, status=status, level=level)
