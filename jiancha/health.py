from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from jiancha.celery import app as celery_app
from jiancha.tasks import HEARTBEAT_KEY


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
        return True
    except Exception:
        return False


def last_heartbeat() -> str | None:
    try:
        return cache.get(HEARTBEAT_KEY)
    except Exception:
        return None


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    db, broker = database_ok(), broker_ok()
    body = {
        "status": "ok" if db and broker else "error",
        "database": "ok" if db else "error",
        "broker": "ok" if broker else "error",
        # Informative only: a worker may be idle or restarting while the site is healthy.
        "worker_heartbeat": last_heartbeat(),
    }
    return JsonResponse(body, status=200 if db and broker else 503)
