from captcha.models import CaptchaStore
from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "celery:heartbeat"


@shared_task(name="jiancha.heartbeat")
def heartbeat() -> str:
    """Record that a worker ran a task just now; /healthz reports the time."""
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now


@shared_task(name="jiancha.captcha_clean")
def captcha_clean() -> None:
    """Delete the expired captchas of the public forms (what ``manage.py captcha_clean`` does), nightly by beat."""
    CaptchaStore.remove_expired()
