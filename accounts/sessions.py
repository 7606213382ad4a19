"""A login's sessions: when they began and were last used, the index of them, and ending them all at once."""

import time
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

from accounts.models import UserSession

LOGIN_AT = "jiancha_login_at"
SEEN_AT = "jiancha_seen_at"
# Last activity is written at most this often: a session write costs a query and a cookie, and a response that
# sets a cookie is never kept by the list cache.
SEEN_RESOLUTION_SECONDS = 60


def session_store(session_key: str | None = None) -> SessionBase:
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def session_stamp(session: SessionBase, now: float | None = None) -> None:
    now = int(now if now is not None else time.time())
    session[LOGIN_AT] = session[SEEN_AT] = now


def session_record(user, session_key: str) -> None:
    """Adds the session to the user's index and forgets the user's entries that have surely expired."""
    longest = max(settings.SESSION_COOKIE_AGE, settings.STAFF_SESSION_MAX_HOURS * 3600)
    horizon = timezone.now() - timedelta(seconds=longest)
    UserSession.objects.filter(user=user, created_at__lt=horizon).delete()
    UserSession.objects.update_or_create(session_key=session_key, defaults={"user": user})


def session_forget(session_key: str | None) -> None:
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def user_sessions_end(user_id: int) -> int:
    """Ends every session of the user, in the cache and the database alike; returns how many were indexed."""
    keys = list(UserSession.objects.filter(user_id=user_id).values_list("session_key", flat=True))
    for key in keys:
        session_store(key).delete()
    UserSession.objects.filter(session_key__in=keys).delete()
    return len(keys)


def session_expiry_reason(session: SessionBase, now: float) -> str | None:
    """``"absolute"`` or ``"idle"`` when the session has outlived its limits, else None."""
    login_at, seen_at = session.get(LOGIN_AT), session.get(SEEN_AT)
    if login_at is None or seen_at is None:
        return None
    if now - login_at > settings.STAFF_SESSION_MAX_HOURS * 3600:
        return "absolute"
    if now - seen_at > settings.STAFF_SESSION_IDLE_MINUTES * 60:
        return "idle"
    return None
