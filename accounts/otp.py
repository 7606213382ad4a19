"""Who must give a one-time code, their devices, and the lock-out after repeated wrong codes."""

from django.conf import settings
from django.core.cache import cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.redis_cache import cache_answers
from orgs.access import actor_of

DEVICE_NAME = "手机动态口令"


def otp_required(user) -> bool:
    """The setting is on and the user holds a commission role (a superuser counts as one)."""
    return bool(settings.OTP_REQUIRED_FOR_COMMISSION) and actor_of(user).is_commission


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed device being set up, kept across page loads so the QR code stays the same."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def _failures_key(user) -> str:
    return f"otp:failures:{user.pk}"


LOCKED, UNCOUNTED = "locked", "uncounted"


def otp_refusal(user) -> str | None:
    """Why codes are refused now, if they are: LOCKED after AXES_FAILURE_LIMIT wrong codes; UNCOUNTED while the
    count cannot be read (the cache is unreachable): guesses that cannot be counted are not allowed either."""
    failures = cache.get(_failures_key(user))
    if failures is None and not cache_answers(cache):
        return UNCOUNTED
    return LOCKED if (failures or 0) >= settings.AXES_FAILURE_LIMIT else None


def otp_failure(user) -> bool:
    """Counts a wrong code against the account (not the address: the password is already known to whoever types
    here) for the axes cool-off time; True when this failure locks the account, or when it could not be counted."""
    key = _failures_key(user)
    cache.add(key, 0, timeout=int(settings.AXES_COOLOFF_TIME.total_seconds()))
    try:
        return cache.incr(key) >= settings.AXES_FAILURE_LIMIT
    except ValueError:  # the cache did not answer (common/redis_cache.py): treated as a lock-out
        return True


def otp_success(user) -> None:
    cache.delete(_failures_key(user))
