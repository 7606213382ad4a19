"""Receivers: index sessions at login, end them when an account is disabled, log authentication events."""

import logging

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.security_log import log_event
from accounts.sessions import session_forget, session_record, session_stamp, user_sessions_end
from orgs.models import Person

# Set on the request by the session limits before they log out, so the logout is logged as the expiry it is.
EXPIRY_REASON_ATTR = "_jiancha_session_expired"


@receiver(user_logged_in, dispatch_uid="accounts.logged_in")
def _logged_in(sender, request, user, **kwargs) -> None:
    session_stamp(request.session)
    # login() has already given the session its new key; save so the index never names a key not yet stored.
    if request.session.session_key is None:
        request.session.save()
    session_record(user, request.session.session_key)
    log_event("login.success", request, user_id=user.pk)


@receiver(user_logged_out, dispatch_uid="accounts.logged_out")
def _logged_out(sender, request, user, **kwargs) -> None:
    session_forget(request.session.session_key if request is not None else None)
    reason = getattr(request, EXPIRY_REASON_ATTR, None)
    user_id = user.pk if user is not None else None
    if reason:
        log_event("session.expired", request, user_id=user_id, reason=reason)
    else:
        log_event("logout", request, user_id=user_id)


@receiver(user_login_failed, dispatch_uid="accounts.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))
    log_event("login.failed", request, username=username, level=logging.WARNING)


@receiver(user_locked_out, dispatch_uid="accounts.locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    log_event("login.locked_out", request, username=str(username or ""), level=logging.WARNING)


@receiver(post_save, sender=get_user_model(), dispatch_uid="accounts.user_disabled")
def _user_saved(sender, instance, **kwargs) -> None:
    if not instance.is_active:
        ended = user_sessions_end(instance.pk)
        if ended:
            log_event("account.disabled", user_id=instance.pk, sessions_ended=ended, level=logging.WARNING)


@receiver(post_delete, sender=Person, dispatch_uid="accounts.person_removed")
def _person_removed(sender, instance, **kwargs) -> None:
    if instance.user_id is not None:
        ended = user_sessions_end(instance.user_id)
        log_event("account.person_removed", user_id=instance.user_id, sessions_ended=ended, level=logging.WARNING)
