"""The SMS gateway is pluggable: NOTIFICATIONS_SMS_SENDER names a callable ``(phone, text) -> None``."""

import logging
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

DEFAULT_SENDER = "notifications.sms.log_sms"


def log_sms(phone: str, text: str) -> None:
    """The default: no gateway is contracted, so the message is only logged (and nothing is charged)."""
    logger.info("SMS to %s: %s", phone, text)


@cache
def _load(path: str) -> Callable[[str, str], None]:
    return import_string(path)


def sms_sender() -> Callable[[str, str], None]:
    return _load(getattr(settings, "NOTIFICATIONS_SMS_SENDER", DEFAULT_SENDER))


def send_sms(*, phone: str, text: str) -> bool:
    """Send one SMS; a gateway failure is logged and never stops the delivery of the other reminders."""
    try:
        sms_sender()(phone, text)
    except Exception:
        logger.exception("SMS to %s failed", phone)
        return False
    return True
